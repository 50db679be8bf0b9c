"""Customising a project for a class: theme settings, logo, fonts, packs and editions.

Each bad setting gets a message naming the key, file and line; the end-to-end test at
the bottom walks through what the README's "Customising for your class" section shows.
"""

from __future__ import annotations

from pathlib import Path

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
        "the logo '../crest.png' is outside the project folder.",
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
