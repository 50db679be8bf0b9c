"""The worksheet and its mark scheme: what each edition shows, the ruled space each question
gets, the paper it prints on (WeasyPrint and chromium), and how it reads on a phone."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from briefgen.commands.build import load_project
from briefgen.model import QUESTION_LEVELS, STUDENT, TEACHER
from briefgen.render.companion import gather_companion
from briefgen.render.worksheet import LINES_FOR_LEVEL, TASK_LINES, gather_worksheet, lines_for
from tests.browser import Visit
from tests.conftest import REPO, Run, invoke, replace_in
from tests.test_handouts import printed

if TYPE_CHECKING:
    from playwright.sync_api import Browser

EDITIONS = (STUDENT, TEACHER)
A4, LETTER = (595, 842), (612, 792)
PRINT_11PT = 11 * 96 / 72  # 11 pt in CSS pixels: 14.67


def plain(text: str) -> str:
    """Text as a PDF or a page shows it, compared as words: typographic quotes made straight,
    whitespace collapsed. The worksheet breaks lines only at spaces and hyphens
    ("Afghan-|led"), never inside a word, so a hyphen at a line's end is the text's own."""
    text = re.sub(r"-\n", "-", text)
    for curly, straight in (("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'")):
        text = text.replace(curly, straight)
    return " ".join(text.replace("\u2026", "...").split())


def pdf_text(path: Path) -> str:
    return plain("\n".join(page.extract_text() for page in PdfReader(path).pages))


def page_sizes(path: Path) -> set[tuple[int, int]]:
    return {
        (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        for page in PdfReader(path).pages
    }


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def bundled_teaching() -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """The bundled pack's question texts, tasks, aspects, guidance and comparison cells."""
    teaching = load_project(REPO).library.teaching
    assert teaching.comparison is not None
    return (
        [q.question for q in teaching.questions],
        [task for e in teaching.exercises for task in e.tasks],
        [row.aspect for row in teaching.comparison.rows],
        [q.guidance for q in teaching.questions] + [e.guidance for e in teaching.exercises],
        [cell.text for row in teaching.comparison.rows for cell in row.cells.values()],
    )


# The rules, unit by unit ---------------------------------------------------------------


def test_the_space_grows_with_the_level_of_the_question() -> None:
    assert set(LINES_FOR_LEVEL) == set(QUESTION_LEVELS)
    lines = [lines_for(level) for level in QUESTION_LEVELS]  # recall ... evaluation
    assert lines == sorted(set(lines)), "each level gets more lines than the one before"
    assert lines[0] >= 3 and lines[-1] >= 2 * lines[0]


def test_questions_are_numbered_as_in_the_companion() -> None:
    project = load_project(REPO)
    pack = project.config.packs["afghan-peace-process"]
    companion = gather_companion(pack, project.library, STUDENT)
    worksheet = gather_worksheet(companion, project.library)
    assert [(s.number, s.question.id) for s in worksheet.questions] == [
        (number, q.id) for number, q in enumerate(companion.questions, start=1)
    ]
    assert [s.lines for s in worksheet.questions] == [
        LINES_FOR_LEVEL[q.level] for q in companion.questions
    ]
    sheet = worksheet.exercises[0]
    assert sheet.passage is project.library.quotations[sheet.exercise.passage]
    assert [task.label for task in sheet.tasks] == ["a", "b", "c", "d"][: len(sheet.tasks)]
    assert sheet.guidance_lines == TASK_LINES
    assert [source.id for source in worksheet.columns] == [
        "isaf-backgrounder",
        "kabul-2017",
        "issi-2018",
    ]
    assert (
        not worksheet.teacher
        and gather_worksheet(
            gather_companion(pack, project.library, TEACHER), project.library
        ).teacher
    )


# The web pages, built quickly (HTML only) ------------------------------------------------


@pytest.fixture
def html_pack(bundled: Path, run: Run) -> Path:
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    return bundled / "output" / "afghan-peace-process"


def test_each_edition_lists_its_worksheet_in_the_index(html_pack: Path) -> None:
    student = soup_of(html_pack / "student" / "index.html")
    section = student.select_one("section.files:has(#worksheet-heading)")
    assert section is not None and section.h2.get_text() == "The worksheet"
    assert section.select_one(".file-title").get_text() == "Worksheet (student edition)"
    assert section.select_one(".file-description").get_text() == (
        "To print and answer on: 18 questions, 3 source-analysis exercises and the "
        "comparison grid, with room to write."
    )
    assert section.select_one(".file-links a")["href"] == "worksheet.html"
    teacher = soup_of(html_pack / "teacher" / "index.html")
    section = teacher.select_one("section.files:has(#worksheet-heading)")
    assert section is not None and section.h2.get_text() == "The mark scheme"
    assert section.select_one(".file-title").get_text() == (
        "Mark scheme for the worksheet (teacher edition)"
    )
    assert section.select_one(".file-description").get_text() == (
        "The worksheet with what a good answer covers in each space: 18 questions, "
        "3 source-analysis exercises and the comparison grid."
    )


def test_the_student_sheet_has_ruled_lines_by_level_and_no_answers(html_pack: Path) -> None:
    soup = soup_of(html_pack / "student" / "worksheet.html")
    assert soup.title.get_text() == (
        "Worksheet (student edition): Framings of Afghan peace, 2009\u20132018"
    )
    assert plain(soup.select_one(".student-details").get_text()) == "Name Class Date"
    lines_by_level: dict[str, set[int]] = {}
    in_grid: list[str] = []
    for item in soup.select(".ws-question"):
        level = item.select_one(".level").get_text()
        space = item.select_one(".answer-space")
        if space is None:  # the question that asks for the whole comparison: the grid
            assert plain(item.select_one(".ws-in-grid").get_text()) == (
                "Answer this one in the comparison grid at the end of the worksheet."
            )
            in_grid.append(item.select_one(".ws-number").get_text())
            continue
        rules = len(space.select(".rule"))
        assert rules == int(space["data-lines"]) == LINES_FOR_LEVEL[level]
        lines_by_level.setdefault(level, set()).add(rules)
    assert set(lines_by_level) == set(QUESTION_LEVELS)
    assert in_grid == ["10"]
    assert min(lines_by_level["evaluation"]) > max(lines_by_level["recall"])
    numbers = [item.select_one(".ws-number").get_text() for item in soup.select(".ws-question")]
    assert numbers == [str(n) for n in range(1, 19)]
    for task in soup.select(".ws-task"):
        assert len(task.select(".answer-space .rule")) == TASK_LINES
    cells = soup.select(".ws-comparison td")
    assert len(cells) == 7 * 3 and all(cell.get_text(strip=True) == "" for cell in cells)
    assert soup.select(".answer-guidance") == []
    text = plain(soup.get_text(" "))
    questions, tasks, aspects, guidance, cell_texts = bundled_teaching()
    for expected in questions + tasks + aspects:
        assert plain(expected) in text
    leaked = [t for t in guidance + cell_texts if plain(t)[:60] in text]
    assert leaked == [], "the student's worksheet shows answers"


def test_the_mark_scheme_fills_every_space(html_pack: Path) -> None:
    soup = soup_of(html_pack / "teacher" / "worksheet.html")
    assert soup.select(".rule") == []
    spaces = soup.select(".ws-question .answer-space")
    assert len(spaces) == 18
    for space in spaces:  # as tall as the student's lines, so the pages line up
        assert space["style"] == f"min-height: {int(space['data-lines']) * 2.25:g}em"
        assert space.select_one(".answer-guidance .label").get_text() == "A good answer"
    text = plain(soup.get_text(" "))
    questions, tasks, aspects, guidance, cell_texts = bundled_teaching()
    for expected in questions + tasks + aspects + guidance + cell_texts:
        assert plain(expected) in text
    assert "not for students" in soup.select_one(".edition-label").get_text()


def test_no_worksheet_without_anything_to_answer(bundled: Path, run: Run) -> None:
    replace_in(
        bundled / "briefgen.yaml",
        "    briefs: [peace-process-framings]",
        "    briefs: [peace-process-framings]\n    sections: [sources, timeline, glossary]",
    )
    assert run("build", "--format", "html").exit_code == 0
    student = bundled / "output" / "afghan-peace-process" / "student"
    assert (student / "companion.html").exists()
    assert not (student / "worksheet.html").exists()
    assert "worksheet" not in (student / "index.html").read_text(encoding="utf-8")


def test_a_brief_may_not_take_the_worksheets_name(mini: Path, run: Run) -> None:
    shutil.copy(mini / "content" / "briefs" / "ceasefire.md", mini / "content/briefs/worksheet.md")
    replace_in(mini / "briefgen.yaml", "briefs: [ceasefire]", "briefs: [ceasefire, worksheet]")
    result = run("check")
    assert result.exit_code == 1
    assert (
        "briefgen.yaml:13: the brief 'worksheet' would be written as worksheet.html, a name "
        "another file of pack 'mini' has.\n"
        "      Rename content/briefs/worksheet.md (to worksheet-brief.md, say) and list it by "
        "its new name.\n"
    ) in result.output


def test_templates_list_and_export_the_worksheet(mini: Path, run: Run) -> None:
    listed = run("templates", "list").output.splitlines()
    at = next(i for i, line in enumerate(listed) if line.startswith("worksheet.html "))
    assert listed[at].split(maxsplit=1)[1] == (
        "the worksheet; the teacher's is its mark scheme (PDF and web page)"
    )
    assert listed[at + 1].split() == [
        "blocks:",
        "meta,",
        "style,",
        "body,",
        "masthead,",
        "title_block,",
        "questions,",
        "exercises,",
        "comparison,",
        "colophon",
    ]
    assert any(line.startswith("css/worksheet.css ") for line in listed)
    result = run("templates", "export", "worksheet.html", "--block", "colophon")
    assert result.exit_code == 0, result.output
    exported = (mini / "templates" / "worksheet.html").read_text(encoding="utf-8")
    assert exported.startswith('{% extends "builtin/worksheet.html" %}')
    assert "{% block colophon %}" in exported


# The PDFs, read back ---------------------------------------------------------------------


@pytest.mark.pdf
@pytest.mark.parametrize("edition", EDITIONS)
def test_each_edition_has_its_worksheet_as_pdf_and_html(
    built_pack_folder: Path, edition: str
) -> None:
    folder = built_pack_folder / edition
    assert (folder / "worksheet.html").is_file()
    text = pdf_text(folder / "worksheet.pdf")
    assert "Name Class Date" in text
    questions, tasks, aspects, guidance, cell_texts = bundled_teaching()
    for expected in questions + tasks + aspects:
        assert plain(expected) in text, expected
    answers = [plain(t) for t in guidance + cell_texts]
    if edition == TEACHER:
        assert "MARK SCHEME" in text and "Teacher edition" in text
        assert [a for a in answers if a not in text] == []
    else:
        assert "WORKSHEET" in text and "Student edition" in text
        assert [a for a in answers if a[:60] in text] == []
    assert page_sizes(folder / "worksheet.pdf") == {A4}


@pytest.fixture(scope="module")
def letter_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled pack built on US letter (`theme.paper: letter`), PDF and HTML."""
    root = tmp_path_factory.mktemp("letter")
    shutil.copy(REPO / "briefgen.yaml", root)
    shutil.copytree(REPO / "content", root / "content")
    replace_in(root / "briefgen.yaml", "paper: A4", "paper: letter")
    result = invoke("--project", str(root), "build")
    assert result.exit_code == 0, result.output
    return root / "output" / "afghan-peace-process"


@pytest.mark.pdf
@pytest.mark.slow
def test_the_worksheet_is_on_the_paper_the_theme_asks_for(
    letter_pack: Path, built_pack_folder: Path
) -> None:
    for edition in EDITIONS:
        assert page_sizes(letter_pack / edition / "worksheet.pdf") == {LETTER}
    _, _, aspects, _, _ = bundled_teaching()
    for pack in (letter_pack, built_pack_folder):  # the blank grid on one page, either paper
        pages = [
            plain(page.extract_text()) for page in PdfReader(pack / "student/worksheet.pdf").pages
        ]
        (grid,) = [page for page in pages if "The three sources compared" in page]
        assert [aspect for aspect in aspects if aspect not in grid] == []


# In chromium: printed, and on a phone -----------------------------------------------------

# The bundled worksheet's pages as measured (WeasyPrint / chromium): student A4 15/14,
# letter 16/15; teacher A4 14/14, letter 15/14. The engines' fonts differ (chromium uses
# the system's), so their page breaks do too, by a page or two.
PAGE_BOUNDS = (10, 22)


def printed_check(browser: Browser, page: Path, size: tuple[int, int]) -> None:
    """The page printed from chromium: on the theme's paper, about as many pages as the
    WeasyPrint PDF, its text at least 11 pt."""
    visit = Visit(browser, page.as_uri(), width=1280)
    assert visit.errors == []
    pdf = printed(visit)
    chromium_pages = len(pdf.pages)
    weasyprint_pages = len(PdfReader(page.with_suffix(".pdf")).pages)
    assert PAGE_BOUNDS[0] <= chromium_pages <= PAGE_BOUNDS[1], chromium_pages
    assert PAGE_BOUNDS[0] <= weasyprint_pages <= PAGE_BOUNDS[1], weasyprint_pages
    assert abs(chromium_pages - weasyprint_pages) <= 3, (chromium_pages, weasyprint_pages)
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    sizes = visit.page.evaluate(
        """[...document.querySelectorAll(
            '.ws-prompt, .answer-guidance, .how-to, .ws-comparison td, blockquote p')]
        .map(e => parseFloat(getComputedStyle(e).fontSize))"""
    )
    assert len(sizes) > 20 and min(sizes) >= PRINT_11PT - 0.01, min(sizes)
    assert "Name Class Date" in plain(pdf.pages[0].extract_text())


@pytest.mark.browser
@pytest.mark.pdf
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_worksheet_prints_from_chromium_on_a4(
    browser: Browser, built_pack_folder: Path, edition: str
) -> None:
    printed_check(browser, built_pack_folder / edition / "worksheet.html", A4)


@pytest.mark.browser
@pytest.mark.pdf
@pytest.mark.slow
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_worksheet_prints_from_chromium_on_letter(
    browser: Browser, letter_pack: Path, edition: str
) -> None:
    printed_check(browser, letter_pack / edition / "worksheet.html", LETTER)


@pytest.mark.browser
@pytest.mark.pdf
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_worksheet_fits_a_phone(
    browser: Browser, built_pack_folder: Path, edition: str, tmp_path: Path
) -> None:
    visit = Visit(browser, (built_pack_folder / edition / "worksheet.html").as_uri(), width=390)
    scroll, client = visit.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client == 390, "the worksheet scrolls sideways on a phone"
    body = visit.page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.ws-prompt')).fontSize)"
    )
    assert body >= PRINT_11PT
    cells = visit.page.evaluate(
        "[...document.querySelectorAll('.ws-comparison td')]"
        ".map(e => e.getBoundingClientRect().width)"
    )
    assert len(cells) == 21 and min(cells) > 300, "each box of the grid is as wide as the card"
    visit.page.screenshot(path=str(tmp_path / f"worksheet-{edition}-390.png"), full_page=True)
    assert visit.accessibility_problems() == []
