"""The student edition asks instead of answering: what a question `asks` students to work out
is left out of it and kept in the teacher edition, and `check` says when an answer shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.conftest import REPO, Run, replace_in

CONTENT = REPO / "content"
CLOSING = "Side by Side: Offers, Demands and Silences"


def words(text: str) -> str:
    """Text compared as a reader sees it: curly quotes straight, spacing and hyphenation
    at line ends undone, so the PDF's broken lines compare with the YAML's."""
    text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("\u2010", "-")
    text = re.sub(r"-\s*\n\s*", "", text)
    return " ".join(text.split()).casefold()


def page_text(path: Path) -> str:
    if path.suffix == ".pdf":
        return words("\n".join(page.extract_text() or "" for page in PdfReader(path).pages))
    page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    for hidden in page(["style", "script", "head"]):
        hidden.decompose()
    return words(page.get_text(" "))


def opening(text: str, count: int = 9) -> str:
    """The first words of a passage: enough to be found only where the passage is."""
    return words(" ".join(text.split()[:count]))


def teacher_only_material() -> dict[str, str]:
    """What the bundled pack's questions ask students to work out, by what it is."""
    sources = {
        path.stem: yaml.safe_load(path.read_text("utf-8"))
        for path in (CONTENT / "sources").glob("*.yaml")
    }
    comparison = yaml.safe_load((CONTENT / "comparison.yaml").read_text("utf-8"))
    questions = yaml.safe_load((CONTENT / "questions.yaml").read_text("utf-8"))
    exercises = yaml.safe_load((CONTENT / "exercises.yaml").read_text("utf-8"))
    material = {
        f"guidance of {item['id']}": opening(item["guidance"]) for item in questions + exercises
    }
    for row in comparison["rows"]:
        for source_id, cell in row["cells"].items():
            material[f"cell {row['aspect']} / {source_id}"] = opening(cell["text"])
    for exercise in exercises:
        for source_id, fields in exercise.get("asks", {}).get("sources", {}).items():
            for field in fields:
                value = sources[source_id][field]
                text = value["inferred"] if isinstance(value, dict) else value
                material[f"{field} of {source_id}"] = opening(text)
    for path in sorted((CONTENT / "quotations").glob("*.yaml")):
        for quotation in yaml.safe_load(path.read_text("utf-8")):
            material[f"note on {quotation['id']}"] = opening(quotation["note"])
    brief = (CONTENT / "briefs" / "peace-process-framings.md").read_text("utf-8")
    closing = brief.split(f"## {CLOSING}")[1].split("\n## ")[0]
    for number, paragraph in enumerate(p for p in closing.split("\n\n") if p.strip()):
        material[f"closing paragraph {number + 1}"] = opening(paragraph)
    return material


@pytest.mark.pdf
def test_student_edition_leaves_out_what_questions_ask_and_teacher_edition_has_it(
    built_pack_folder: Path,
) -> None:
    material = teacher_only_material()
    # the guidance of 21 questions and exercises, 21 cells, the reasons for an inferred
    # issuer and date, three perspectives and audiences, our notes on why each of 48
    # quotations matters, four closing paragraphs
    assert len(material) == 21 + 21 + 2 + 6 + 48 + 4
    student = {
        path.name: page_text(path)
        for path in sorted((built_pack_folder / "student").iterdir())
        if path.suffix in (".html", ".pdf")
    }
    assert {"brief.pdf", "brief.html", "companion.pdf", "companion.html"} <= student.keys()
    shown = sorted(
        f"{what} in student/{name}"
        for what, passage in material.items()
        for name, text in student.items()
        if passage in text
    )
    assert shown == []
    teacher = " ".join(
        page_text(built_pack_folder / "teacher" / name) for name in ("companion.html", "brief.html")
    )
    missing = sorted(what for what, passage in material.items() if passage not in teacher)
    assert missing == []
    # how our copy prints a quotation's words is for every reader
    assert "lacks a space in our copy" in student["companion.html"]
    teacher_pdf = page_text(built_pack_folder / "teacher" / "companion.pdf")
    assert [what for what, passage in material.items() if passage not in teacher_pdf] == [
        what for what in material if what.startswith("closing paragraph")
    ]


@pytest.mark.pdf
def test_student_edition_prompts_where_it_leaves_something_out(built_pack_folder: Path) -> None:
    companion = page_text(built_pack_folder / "student" / "companion.pdf")
    assert "issuer inferred. why do we think so? exercise a asks you to find the clues." in (
        companion
    )
    assert "whom was it written for, and why? work it out as you do exercise b." in companion
    assert (
        "the cells are yours to fill in: discussion questions 10, 11 and 12 ask you to compare "
        "the sources." in companion
    )
    brief = page_text(built_pack_folder / "student" / "brief.pdf")
    assert (
        "this section is yours to write. discussion questions 11, 13, 16 and 18 in the teaching "
        "companion ask what it would say." in brief
    )
    teacher_brief = page_text(built_pack_folder / "teacher" / "brief.pdf")
    assert "not in the student edition: discussion questions 11, 13, 16 and 18" in teacher_brief
    handout = page_text(built_pack_folder / "student" / "handout-isaf-backgrounder.html")
    assert (
        "date inferred. why do we think so? exercise a in the teaching companion asks you to "
        "find the clues." in handout
    )


def test_html_editions_differ_only_where_questions_ask(bundled: Path, run: Run) -> None:
    """Without `asks`, the student edition shows what the teacher's does (the reasons, the
    cells, the closing section): withholding comes from the questions, nothing else."""
    for name in ("questions.yaml", "exercises.yaml"):
        path = bundled / "content" / name
        path.write_text(re.sub(r"(?m)^  asks:.*\n(    .*\n)*", "", path.read_text("utf-8")))
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    student = page_text(bundled / "output" / "afghan-peace-process" / "student" / "brief.html")
    assert words(CLOSING) in student
    assert "this section is yours to write" not in student
    assert "the text names no publisher" in page_text(
        bundled / "output" / "afghan-peace-process" / "student" / "companion.html"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "sources: {isaf-backgrounder: [issuer, date, perspective, audience]}",
            "sources: {isaf-backgrounder: [issuer, dates]}",
            "content/exercises.yaml:42: `asks` names 'dates' of isaf-backgrounder, which a "
            "question cannot ask for.\n  Did you mean 'date'?",
        ),
        (
            "sources: {kabul-2017: [perspective, audience]}",
            "sources: {kabul-2017: [issuer]}",
            "content/exercises.yaml:78: exercise 'ex-kabul-2017' asks for the issuer of "
            "'kabul-2017', but its source record states the issuer without inferring it, so "
            "there are no reasons to leave out.\n  Ask for an inferred fact, or for "
            "`perspective` or `audience`.",
        ),
        (
            "comparison: [Preconditions]",
            "comparison: [Precondition]",
            "content/questions.yaml:224: question 'q-without-preconditions' asks for the "
            "comparison row 'Precondition', which comparison.yaml does not have.\n  Did you "
            "mean 'Preconditions'?",
        ),
    ],
)
def test_asks_that_name_nothing_are_reported(
    bundled: Path, run: Run, old: str, new: str, message: str
) -> None:
    path = bundled / "content" / ("exercises.yaml" if "sources:" in old else "questions.yaml")
    replace_in(path, old, new)
    result = run("check")
    assert result.exit_code != 0
    assert " ".join(message.split()) in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_an_unknown_heading_is_reported_with_the_headings(bundled: Path, run: Run) -> None:
    replace_in(
        bundled / "content" / "questions.yaml",
        f'peace-process-framings: ["{CLOSING}"]',
        'peace-process-framings: ["Side by side"]',
    )
    result = run("check")
    assert result.exit_code != 0
    assert (
        "question 'q-offers-compared' asks for the section 'Side by side' of brief "
        "'peace-process-framings', which has no heading of that name." in result.output
    )
    assert "Its headings are: Three Documents, Three Vantage Points;" in result.output


def test_check_warns_when_the_student_edition_gives_an_answer_away(bundled: Path, run: Run) -> None:
    # the reasons for the backgrounder's date, which exercise A asks for, put back in its
    # summary; and no question asking for the brief's closing section
    replace_in(
        bundled / "content" / "sources" / "isaf-backgrounder.yaml",
        "  text states. It opens",
        "  text states: its references to President Karzai's inaugural speech and to a\n"
        "  new Afghan Government yet to agree a policy framework fit the start of a\n"
        "  presidential term. It opens",
    )
    questions = bundled / "content" / "questions.yaml"
    text = re.sub(
        r"  asks:  # our brief's closing section answers it\n    briefs: .*\n",
        "",
        questions.read_text("utf-8"),
    )
    questions.write_text(re.sub(r"    briefs: .*\n", "", text))
    result = run("check")
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert (
        "exercise 'ex-isaf-backgrounder' asks students to work out why the date of source "
        "'isaf-backgrounder' is inferred, but the student edition still gives it away: the "
        "summary of source 'isaf-backgrounder' (content/sources/isaf-backgrounder.yaml:" in output
    )
    assert (
        "question 'q-silences' is answered in the student edition: brief "
        f"'peace-process-framings', '{CLOSING}' (content/briefs/peace-process-framings.md:"
        in output
    )
    build = run("build", "--format", "html")
    assert "question 'q-silences' is answered in the student edition" in " ".join(
        build.output.split()
    )


def test_asking_for_a_section_of_a_brief_without_headings_says_how_sections_start(
    bundled: Path, run: Run
) -> None:
    brief = bundled / "content" / "briefs" / "peace-process-framings.md"
    brief.write_text(brief.read_text("utf-8").replace("\n## ", "\n"), encoding="utf-8")
    result = run("check")
    assert result.exit_code != 0
    output = " ".join(result.output.split())
    assert (
        "question 'q-offers-compared' asks for the section 'Side by Side: Offers, Demands and "
        "Silences' of brief 'peace-process-framings', which has no heading of that name. It "
        "has no headings: a section starts at a heading, a line such as `## Aims`." in output
    )
