"""The command line: what build and check do and print, with real PDF and HTML output."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import Run

EDITION_FILES = [
    "brief.html",
    "brief.pdf",
    "companion.html",
    "companion.pdf",
    "handout-issi.html",
    "handout-kabul.html",
    "index.html",
    "source-issi.html",
    "source-kabul.html",
    "sources.pdf",
    "worksheet.html",
    "worksheet.pdf",
]


def files_in(folder: Path) -> list[str]:
    """The documents in a pack folder (its manifest, .briefgen-pack.json, aside)."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != ".briefgen-pack.json"
    )


@pytest.mark.pdf
def test_build_writes_each_edition_and_reports_sizes(mini: Path, run: Run) -> None:
    result = run("build", "--verbose")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for edition in ("student", "teacher"):
        wrote = [line for line in lines if line.startswith(f"Wrote output/mini/{edition}/")]
        assert len(wrote) == len(EDITION_FILES), lines
        assert f"Wrote output/mini/{edition}/brief.pdf" in "\n".join(wrote)
        for line in wrote:
            assert re.fullmatch(
                rf"Wrote output/mini/{edition}/[a-z-]+\.(html|pdf) \(\d+\.\d KB(, \d+ pages?)?\)",
                line,
            ), line
    assert re.fullmatch(r"Built 1 pack in \d+\.\d s\.", lines[-1]), lines
    pdf = PdfReader(mini / "output" / "mini" / "student" / "brief.pdf")
    assert "RIVERSIDE SCHOOL HISTORY DEPARTMENT" in pdf.pages[0].extract_text()
    assert files_in(mini / "output" / "mini") == [
        f"{edition}/{name}" for edition in ("student", "teacher") for name in EDITION_FILES
    ]


@pytest.mark.pdf
def test_the_brief_is_the_same_in_both_editions(mini: Path, run: Run) -> None:
    assert run("build", "--format", "pdf").exit_code == 0
    out = mini / "output" / "mini"
    assert (out / "student" / "brief.pdf").read_bytes() == (
        out / "teacher" / "brief.pdf"
    ).read_bytes()


@pytest.mark.pdf
def test_format_html_leaves_the_existing_pdf(mini: Path, run: Run) -> None:
    assert run("build").exit_code == 0
    pdf = (mini / "output" / "mini" / "student" / "brief.pdf").read_bytes()
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "brief.pdf" not in result.output
    assert (mini / "output" / "mini" / "student" / "brief.pdf").read_bytes() == pdf


@pytest.mark.pdf
def test_format_pdf_only(mini: Path, run: Run) -> None:
    result = run("build", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert files_in(mini / "output" / "mini") == [
        "student/brief.pdf",
        "student/companion.pdf",
        "student/sources.pdf",
        "student/worksheet.pdf",
        "teacher/brief.pdf",
        "teacher/companion.pdf",
        "teacher/sources.pdf",
        "teacher/worksheet.pdf",
    ]


def test_format_given_twice_builds_both(mini: Path, run: Run) -> None:
    """Not the last one only: a teacher typing two formats gets two, never one silently."""
    result = run("build", "--format", "docx", "--format", "html")
    assert result.exit_code == 0, result.output
    kinds = {name.rpartition(".")[2] for name in files_in(mini / "output" / "mini")}
    assert kinds == {"html", "docx"}


def test_one_edition_leaves_the_other_in_place(mini: Path, run: Run) -> None:
    assert run("build", "--format", "html").exit_code == 0
    teacher = (mini / "output" / "mini" / "teacher" / "companion.html").read_bytes()
    result = run("build", "--edition", "student", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "teacher/" not in result.output
    assert (mini / "output" / "mini" / "teacher" / "companion.html").read_bytes() == teacher


def test_a_pack_built_before_manifests_is_replaced_as_the_cache_recorded_it(
    mini: Path, run: Run
) -> None:
    """A pack folder an earlier briefgen wrote has no manifest; the build cache's record of
    what it wrote there proves the files are briefgen's."""
    assert run("build", "--format", "html").exit_code == 0
    pack = mini / "output" / "mini"
    (pack / ".briefgen-pack.json").unlink()
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "mini: wrote" in result.output  # not skipped: the manifest was missing
    assert (pack / ".briefgen-pack.json").is_file()


def test_named_pack_and_out_folder(mini: Path, run: Run, tmp_path: Path) -> None:
    result = run("build", "mini", "--out", str(tmp_path / "elsewhere"), "--format", "html")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "elsewhere" / "mini" / "student" / "brief.html").is_file()
    assert not (mini / "output").exists()


def test_project_option_works_from_another_folder(mini: Path, run: Run, tmp_path: Path) -> None:
    result = run("--project", str(mini), "check")
    assert result.exit_code == 0, result.output


def test_subfolder_of_a_project_finds_briefgen_yaml(
    mini: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(mini / "content" / "briefs")
    result = run("check")
    assert result.exit_code == 0, result.output


@pytest.mark.pdf
def test_letter_paper_from_the_config(mini: Path, run: Run) -> None:
    config = mini / "briefgen.yaml"
    config.write_text(config.read_text().replace("paper: A4", "paper: letter"))
    assert run("build", "--format", "pdf").exit_code == 0
    box = PdfReader(mini / "output" / "mini" / "student" / "brief.pdf").pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612, 792)


def test_check_reports_what_it_checked(mini: Path, run: Run) -> None:
    result = run("check")
    assert result.exit_code == 0
    assert result.output == (
        "Content is consistent: 2 sources, 3 quotations checked word for word, "
        "8 locators checked against their sources, 1 brief, 2 glossary terms, "
        "2 timeline events, 1 comparison row, 1 question, 1 exercise, 1 teaching note, "
        "1 pack.\n"
    )


def test_bundled_content_passes_check(bundled: Path, run: Run) -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    counts = dict(
        (noun, int(number))
        for number, noun in re.findall(r"(\d+) ([a-z ]+?)s?(?=[,.])", result.output)
    )
    assert counts["source"] == 3
    assert counts["quotations checked word for word"] >= 24  # at least 8 per source
    assert counts["brief"] == 1
    assert counts["glossary term"] >= 11
    assert counts["question"] >= 10
    assert counts["exercise"] == 3
    assert counts["comparison row"] == 7


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefgen", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("briefgen, version ")


def test_help_does_not_import_weasyprint() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from briefgen.cli import cli; "
        "CliRunner().invoke(cli, ['--help']); print('weasyprint' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_layout_worker_starts_without_the_renderer() -> None:
    """The workers' server imports what a layout needs, and it starts before the build
    renders: each module of the renderer it imported would delay the first PDF."""
    code = (
        "import sys; import briefgen.output.workers, briefgen.output.pdf; "
        "print(sorted({name.split('.')[0] for name in sys.modules} "
        "& {'jinja2', 'markdown_it', 'yaml', 'textstat'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_next_command_is_typed_the_way_briefgen_was_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """After the Quickstart briefgen is in .venv/bin, not on the PATH: 'run briefgen build'
    would fail as typed."""
    import shutil
    import sys

    from briefgen.commands.invocation import briefgen_command

    script = tmp_path / "my venv" / "bin" / "briefgen"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    monkeypatch.setattr(sys, "argv", [str(script), "init"])
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert briefgen_command() == f"'{script}'"
    monkeypatch.setattr(shutil, "which", lambda name: str(script))
    assert briefgen_command() == "briefgen"
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "__main__.py"), "init"])
    assert briefgen_command() == f"{sys.executable} -m briefgen"
