"""Customising a project for a class: theme settings, logo, fonts, packs and editions.

Each bad setting gets a message naming the key, file and line; the end-to-end test at
the bottom walks through what the README's "Customising for your class" section shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.conftest import Run, replace_in
from tests.test_errors import check_fails

CONFIG = "briefgen.yaml"


def one_problem(location: str, message: str, hint: str) -> str:
    return f"Error: found 1 problem:\n  {location}: {message}\n      {hint}\n"


def test_accent_too_light_to_read(mini: Path, run: Run) -> None:
    replace_in(mini / CONFIG, 'accent: "#7a1f3d"', 'accent: "#ffcc00"')
    assert check_fails(run) == one_problem(
        f"{CONFIG}:9",
        "the accent colour #ffcc00 is too light to read on white: its contrast is 1.51:1 "
        "and text needs at least 4.5:1 (WCAG AA).",
        "Choose a darker colour; #8f7200 is the same hue, dark enough.",
    )


def test_unknown_font(mini: Path, run: Run) -> None:
    replace_in(mini / CONFIG, "  paper: A4\n", "  paper: A4\n  font: Comic Sans\n")
    assert check_fails(run) == one_problem(
        f"{CONFIG}:9",
        "there is no shipped font 'Comic Sans'.",
        "Fonts shipped with briefgen: Charis SIL, Noto Sans, Atkinson Hyperlegible.",
    )


def test_unknown_heading_font(mini: Path, run: Run) -> None:
    replace_in(
        mini / CONFIG,
        "  paper: A4\n",
        "  paper: A4\n  font:\n    body: atkinson\n    headings: Arial\n",
    )
    assert check_fails(run) == one_problem(
        f"{CONFIG}:11",
        "there is no shipped font 'Arial'.",
        "Fonts shipped with briefgen: Charis SIL, Noto Sans, Atkinson Hyperlegible.",
    )


def test_logo_file_missing(mini: Path, run: Run) -> None:
    replace_in(mini / CONFIG, "  short_name:", "  logo: branding/crest.png\n  short_name:")
    assert check_fails(run) == one_problem(
        f"{CONFIG}:4",
        "the logo file 'branding/crest.png' does not exist.",
        f"The path is read from the project folder: {mini}.",
    )


def test_logo_outside_the_project(mini: Path, run: Run) -> None:
    replace_in(mini / CONFIG, "  short_name:", "  logo: ../crest.png\n  short_name:")
    assert check_fails(run) == one_problem(
        f"{CONFIG}:4",
        "the logo '../crest.png' must be named by its path inside the project.",
        "Copy the image into the project (e.g. into a branding/ folder) and name it there.",
    )


def test_logo_that_is_not_the_image_its_name_says(mini: Path, run: Run) -> None:
    (mini / "crest.png").write_text("not really a picture", encoding="utf-8")
    replace_in(mini / CONFIG, "  short_name:", "  logo: crest.png\n  short_name:")
    assert check_fails(run) == one_problem(
        f"{CONFIG}:4",
        "the logo 'crest.png' is named like PNG but its content is not that kind of image.",
        "Open it in an image editor and export it again in the format its name says.",
    )


def test_unknown_edition(mini: Path, run: Run) -> None:
    replace_in(
        mini / CONFIG,
        "    briefs: [ceasefire]",
        "    briefs: [ceasefire]\n    editions: [students]",
    )
    assert check_fails(run) == one_problem(
        f"{CONFIG}:14",
        "unknown edition 'students' in pack 'mini'.",
        "Did you mean 'student'? Use student, teacher.",
    )


def test_unknown_section(mini: Path, run: Run) -> None:
    replace_in(
        mini / CONFIG,
        "    briefs: [ceasefire]",
        "    briefs: [ceasefire]\n    sections: [glossary, quiz]",
    )
    assert check_fails(run) == one_problem(
        f"{CONFIG}:14",
        "unknown section 'quiz' in pack 'mini'.",
        "Use sources, comparison, timeline, glossary, questions, exercises.",
    )


def test_handout_for_an_unknown_source(mini: Path, run: Run) -> None:
    replace_in(
        mini / CONFIG,
        "    briefs: [ceasefire]",
        "    briefs: [ceasefire]\n    handouts: [kabul, isaf]",
    )
    assert check_fails(run) == one_problem(
        f"{CONFIG}:11",
        "pack 'mini' `handouts` names source 'isaf', which does not exist.",
        "Sources are the .yaml files in content/sources/; use a file name without .yaml.",
    )


# -- A class project, end to end -------------------------------------------------------------

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'
    '<circle cx="32" cy="32" r="30" fill="#0b5d3b"/></svg>'
)
OUR_COLOPHON = "Prepared for Year 12 History at Riverside Academy."


def fonts_of(page: Any) -> set[str]:
    """The embedded font families of a PDF page, without subset prefixes."""
    fonts = page["/Resources"]["/Font"]
    return {str(font.get_object()["/BaseFont"]).split("+", 1)[-1] for font in fonts.values()}


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.pdf
@pytest.mark.slow
def test_a_class_customises_and_builds_both_editions(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("init", str(tmp_path / "year12"))
    assert result.exit_code == 0, result.output
    project = tmp_path / "year12"
    monkeypatch.chdir(project)
    config = project / CONFIG
    replace_in(config, "name: Your School History Department", "name: Riverside Academy")
    replace_in(config, 'accent: "#1d4f73"', 'accent: "#0b5d3b"')
    replace_in(config, "paper: A4", "paper: letter")
    replace_in(config, "body: Charis SIL", "body: Atkinson Hyperlegible")
    replace_in(config, "  # logo: branding/logo.png", "  logo: branding/crest.svg")
    replace_in(config, "  # logo_alt: School crest", "  logo_alt: Crest of Riverside Academy")
    (project / "branding").mkdir()
    (project / "branding" / "crest.svg").write_text(LOGO, encoding="utf-8")
    exported = run("templates", "export", "brief.html", "--block", "colophon")
    assert exported.exit_code == 0, exported.output
    override = project / "templates" / "brief.html"
    text = override.read_text(encoding="utf-8")
    start, end = text.index("<footer"), text.index("</footer>")
    override.write_text(
        text[:start] + f'<footer class="colophon"><p>{OUR_COLOPHON}</p>' + text[end:],
        encoding="utf-8",
    )

    result = run("build")
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output
    out = project / "output" / "afghan-peace-process"

    brief = PdfReader(out / "student" / "brief.pdf")
    assert "RIVERSIDE ACADEMY" in brief.pages[0].extract_text()
    box = brief.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612, 792)
    assert any(name.startswith("Atkinson-Hyperlegible") for name in fonts_of(brief.pages[1]))
    assert OUR_COLOPHON in pdf_text(out / "student" / "brief.pdf")
    assert "not an ISSI publication" not in pdf_text(out / "student" / "brief.pdf")

    page = BeautifulSoup(
        (out / "student" / "brief.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert "--accent: #0b5d3b" in page.style.get_text()
    assert page.select_one(".colophon").get_text(strip=True) == OUR_COLOPHON
    logo = page.select_one(".masthead img.issuer-logo")
    assert logo["src"].startswith("data:image/svg+xml;base64,")
    assert logo["alt"] == "Crest of Riverside Academy"

    guidance = "For the teacher: answer guidance"
    assert guidance in pdf_text(out / "teacher" / "companion.pdf")
    assert guidance not in pdf_text(out / "student" / "companion.pdf")
    for source in ("isaf-backgrounder", "kabul-2017", "issi-2018"):
        teacher = (out / "teacher" / f"handout-{source}.html").read_text(encoding="utf-8")
        student = (out / "student" / f"handout-{source}.html").read_text(encoding="utf-8")
        assert "Answer guidance" in teacher and "Answer guidance" not in student
    student_pdf = pdf_text(out / "student" / "companion.pdf")
    assert "Student edition" in student_pdf and "Discussion questions" in student_pdf


def test_init_refuses_to_overwrite_without_force(tmp_path: Path, run: Run) -> None:
    assert run("init", str(tmp_path / "class")).exit_code == 0
    (tmp_path / "class" / "briefgen.yaml").write_text("# ours\n", encoding="utf-8")
    again = run("init", str(tmp_path / "class"))
    assert again.exit_code == 1
    assert again.output.startswith(f"Error: {tmp_path / 'class'} already has briefgen.yaml, ")
    assert (tmp_path / "class" / "briefgen.yaml").read_text(encoding="utf-8") == "# ours\n"
    forced = run("init", str(tmp_path / "class"), "--force")
    assert forced.exit_code == 0, forced.output
    assert "issuer:" in (tmp_path / "class" / "briefgen.yaml").read_text(encoding="utf-8")


def test_templates_list_marks_the_overridden_ones(mini: Path, run: Run) -> None:
    (mini / "templates").mkdir()
    (mini / "templates" / "handout.html").write_text('{% extends "builtin/handout.html" %}\n')
    result = run("templates", "list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("handout.html "))
    assert "blocks: meta, style, body, masthead, title_block, summary" in lines[at + 1]
    assert lines[at + 2].strip() == "overridden by templates/handout.html"
    assert lines[-1] == "20 built-in templates, 1 overridden in templates/."


def test_templates_export_refuses_unknown_names_and_blocks(mini: Path, run: Run) -> None:
    unknown = run("templates", "export", "brief.htm")
    assert unknown.exit_code == 1
    assert unknown.output == (
        "Error: there is no built-in template 'brief.htm'. Did you mean 'brief.html'?\n"
        "Run `briefgen templates list` to see them.\n"
    )
    block = run("templates", "export", "brief.html", "--block", "colophone")
    assert block.exit_code == 1
    assert block.output.startswith(
        "Error: brief.html has no block 'colophone'. Did you mean 'colophon'?\n"
    )
    assert not (mini / "templates").exists()


def test_templates_export_keeps_an_existing_override(mini: Path, run: Run) -> None:
    assert run("templates", "export", "css/pdf.css").exit_code == 0
    ours = mini / "templates" / "css" / "pdf.css"
    ours.write_text("/* ours */\n", encoding="utf-8")
    again = run("templates", "export", "pdf.css")
    assert again.exit_code == 1
    assert ours.read_text(encoding="utf-8") == "/* ours */\n"


def test_sections_leave_parts_out_of_the_companion(mini: Path, run: Run) -> None:
    replace_in(
        mini / CONFIG,
        "    briefs: [ceasefire]",
        "    briefs: [ceasefire]\n    sections: [glossary, questions]",
    )
    assert run("build", "--format", "html", "--edition", "student").exit_code == 0
    html = (mini / "output" / "mini" / "student" / "companion.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    headings = [h2.get_text() for h2 in page.select("h2")]
    assert headings == ["Contents", "Glossary", "Discussion questions"]
    assert page.select("a.qref") == [], "references to the left-out source guides are not links"


def test_a_blank_project_has_no_bundled_content_and_builds(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("init", "--blank", str(tmp_path / "topic"))
    assert result.exit_code == 0, result.output
    assert "add-source FILE (PDF, web page, Word or text)" in result.output
    project = tmp_path / "topic"
    content = project / "content"
    assert not list(content.rglob("*.txt")), "no bundled source texts"
    assert not (content / "sources" / "kabul-2017.yaml").exists()
    for name in ("glossary", "timeline", "questions", "exercises", "teaching-notes", "figures"):
        text = (content / f"{name}.yaml").read_text("utf-8")
        assert text.startswith("#") and "# - " in text, name  # a commented example record
    assert "Afghan" not in (project / CONFIG).read_text("utf-8")
    assert (content / "README.md").exists()
    monkeypatch.chdir(project)
    checked = run("check")
    assert checked.exit_code == 0, checked.output
    assert "0 sources" in checked.output and "1 brief" in checked.output
    built = run("build", "--format", "html")
    assert built.exit_code == 0, built.output
    page = (project / "output/my-topic/student/brief.html").read_text("utf-8")
    assert "The Title of Your Brief" in page
