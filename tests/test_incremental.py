"""Incremental and parallel builds: the cache skips what is unchanged, lays out only the PDFs
whose content changed, never serves stale output, and --jobs gives the same bytes."""

from __future__ import annotations

import ast
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.commands.progress import NORMAL, ConsoleProgress
from briefgen.output.cache import BuildCache
from briefgen.places import user_cache_dir
from tests.conftest import Run

EXTRA_QUOTATION = """
- id: kabul-regional
  source: kabul
  text: {text}
  locator: point 5
  note: Peace through states working together.
"""
FIRST_TEXT = "genuine state-to-state cooperation and regional mechanisms"
SECOND_TEXT = "a meaningful effort to counter terrorism"


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from an empty cache of its own (the others' may be broken on purpose)."""
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time: a rewrite changes the time."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def laid_out(output: str) -> list[str]:
    return re.findall(r"^Laid out (\S+):", output, flags=re.MULTILINE)


def build_in_a_new_process(root: Path, *args: str) -> tuple[list[str], list[str]]:
    """What `briefgen build ARGS` prints in a fresh process, and which WeasyPrint modules
    that process loaded (this test process may have loaded them already)."""
    script = (
        "import sys\n"
        "from briefgen.cli import cli\n"
        "try:\n"
        f"    cli(['build', *{list(args)!r}], prog_name='briefgen')\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'weasyprint'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    *printed, modules = done.stdout.splitlines()
    return printed, ast.literal_eval(modules)


@pytest.mark.pdf
def test_an_unchanged_pack_is_skipped_without_loading_weasyprint(mini: Path, run: Run) -> None:
    assert run("build").exit_code == 0
    before = snapshot(mini / "output")
    printed, weasyprint_modules = build_in_a_new_process(mini)
    assert weasyprint_modules == []
    assert printed[0] == "mini: unchanged since the last build"
    assert len(printed) == 2
    assert re.fullmatch(
        r"Nothing to build: 1 pack unchanged since the last build \(\d+\.\d s\)\. "
        r"Use --force to build again anyway\.",
        printed[1],
    )
    assert snapshot(mini / "output") == before


def test_an_html_build_never_loads_the_pdf_engine(mini: Path) -> None:
    printed, weasyprint_modules = build_in_a_new_process(
        mini, "--format", "html", "--force", "--quiet"
    )
    assert printed == [] and weasyprint_modules == []
    assert (mini / "output/mini/teacher/companion.html").is_file()


@pytest.mark.pdf
def test_force_lays_out_every_pdf_again(mini: Path, run: Run) -> None:
    assert run("build").exit_code == 0
    result = run("build", "--force")
    assert result.exit_code == 0, result.output
    assert sorted(laid_out(result.output)) == [
        "mini/brief.pdf",
        "mini/sources.pdf",
        "mini/student/companion.pdf",
        "mini/student/worksheet.pdf",
        "mini/teacher/companion.pdf",
        "mini/teacher/worksheet.pdf",
    ]
    assert "mini: wrote 24 files to output/mini/ (6 PDFs laid out)" in result.output


@pytest.mark.pdf
def test_one_changed_quotation_lays_out_only_the_pdfs_that_show_it(mini: Path, run: Run) -> None:
    quotations = mini / "content" / "quotations" / "quotes.yaml"
    original = quotations.read_text(encoding="utf-8")
    quotations.write_text(original + EXTRA_QUOTATION.format(text=FIRST_TEXT), encoding="utf-8")
    assert run("build").exit_code == 0
    brief = (mini / "output/mini/student/brief.pdf").read_bytes()

    quotations.write_text(original + EXTRA_QUOTATION.format(text=SECOND_TEXT), encoding="utf-8")
    result = run("build", "--verbose")
    assert result.exit_code == 0, result.output
    # The brief does not quote it: reused. Both companions list every quotation, and the
    # sources in full highlight it: laid out.
    assert sorted(laid_out(result.output)) == [
        "mini/sources.pdf",
        "mini/student/companion.pdf",
        "mini/teacher/companion.pdf",
    ]
    assert "Reused mini/brief.pdf: unchanged since the last build" in result.output
    assert (mini / "output/mini/student/brief.pdf").read_bytes() == brief
    assert "mini: wrote 24 files to output/mini/ (3 PDFs laid out, 3 PDFs unchanged)" in (
        result.output
    )
    assert SECOND_TEXT in (mini / "output/mini/teacher/companion.html").read_text("utf-8")


@pytest.mark.pdf
def test_a_change_that_alters_no_output_writes_nothing(mini: Path, run: Run) -> None:
    assert run("build").exit_code == 0
    before = snapshot(mini / "output")
    glossary = mini / "content" / "glossary.yaml"
    glossary.write_text(glossary.read_text("utf-8") + "\n# A comment for colleagues.\n", "utf-8")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert laid_out(result.output) == []
    assert "mini: unchanged since the last build" in result.output
    assert snapshot(mini / "output") == before


@pytest.mark.pdf
def test_a_template_change_invalidates_the_pdfs(mini: Path, run: Run) -> None:
    assert run("build").exit_code == 0
    css = mini / "templates" / "css" / "pdf.css"
    css.parent.mkdir(parents=True)
    builtin = (
        Path(__file__).parents[1] / "src" / "briefgen" / "render" / "theme" / "css" / "pdf.css"
    )
    css.write_text(builtin.read_text("utf-8") + "\nh1 { letter-spacing: 0.05em; }\n", "utf-8")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert len(laid_out(result.output)) == 6  # the HTML is the same; the style sheet is not

    css.write_text(css.read_text("utf-8") + "\nh2 { letter-spacing: 0.05em; }\n", "utf-8")
    result = run("build")
    assert len(laid_out(result.output)) == 6  # a style sheet a PDF used is tracked


@pytest.mark.pdf
def test_a_file_changed_in_output_is_made_again(mini: Path, run: Run) -> None:
    assert run("build").exit_code == 0
    page = mini / "output/mini/student/brief.html"
    good = page.read_bytes()
    page.write_text("edited by hand", encoding="utf-8")
    (mini / "output/mini/teacher/brief.pdf").unlink()
    result = run("build")
    assert result.exit_code == 0, result.output
    assert laid_out(result.output) == []  # the PDFs come from the cache
    assert page.read_bytes() == good
    assert (mini / "output/mini/teacher/brief.pdf").is_file()


@pytest.mark.pdf
def test_a_broken_cache_is_ignored(mini: Path, run: Run) -> None:
    assert run("build").exit_code == 0
    manifests = list((user_cache_dir() / "projects").glob("*/manifest.json"))
    assert manifests
    for manifest in manifests:
        manifest.write_text("{not json", encoding="utf-8")
    for stored in (user_cache_dir() / "projects").glob("*/pdf/*.pdf"):
        stored.write_bytes(b"%PDF-1.7 truncated")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert len(laid_out(result.output)) == 6


@pytest.mark.pdf
def test_a_tampered_stored_pdf_is_not_used(mini: Path, run: Run) -> None:
    assert run("build").exit_code == 0
    for stored in (user_cache_dir() / "projects").glob("*/pdf/*.pdf"):
        stored.write_bytes(b"%PDF-1.7 not what was laid out")
    (mini / "content/briefs/ceasefire.md").write_text(
        (mini / "content/briefs/ceasefire.md").read_text("utf-8") + "\nOne more line.\n", "utf-8"
    )
    (mini / "content/glossary.yaml").write_text(
        (mini / "content/glossary.yaml").read_text("utf-8") + "\n# note\n", "utf-8"
    )
    result = run("build")
    assert result.exit_code == 0, result.output
    assert len(laid_out(result.output)) == 6
    for pdf in (mini / "output").rglob("*.pdf"):
        assert b"not what was laid out" not in pdf.read_bytes()


@pytest.mark.pdf
def test_the_cache_lives_outside_the_project(mini: Path, run: Run) -> None:
    assert run("build").exit_code == 0
    made = {path.relative_to(mini).parts[0] for path in mini.rglob("*")}
    assert made == {"briefgen.yaml", "content", "output"}
    folders = [path for path in (user_cache_dir() / "projects").iterdir() if path.is_dir()]
    manifest = json.loads(
        next(f / "manifest.json" for f in folders if (f / "manifest.json").is_file()).read_text()
    )
    assert manifest["format"] == 2
    assert oct(folders[0].stat().st_mode & 0o777) == "0o700"


@pytest.mark.pdf
@pytest.mark.slow
def test_jobs_give_the_same_bytes_as_a_serial_build(mini: Path, run: Run) -> None:
    config = mini / "briefgen.yaml"
    config.write_text(
        config.read_text("utf-8") + "  second:\n    title: Second pack\n    briefs: [ceasefire]\n",
        "utf-8",
    )
    serial = run("build", "--force", "--jobs", "1", "--out", "serial")
    parallel = run("build", "--force", "--jobs", "2", "--out", "parallel")
    assert serial.exit_code == 0 and parallel.exit_code == 0, serial.output + parallel.output
    assert {k: v[0] for k, v in snapshot(mini / "serial").items()} == {
        k: v[0] for k, v in snapshot(mini / "parallel").items()
    }
    # the brief is the same in both packs: laid out once, however many processes
    assert laid_out(parallel.output).count("mini/brief.pdf") == 1
    assert len(laid_out(parallel.output)) == 11  # each pack its companions, worksheets, sources


@pytest.mark.pdf
def test_a_pdf_failing_in_a_worker_is_reported_like_a_serial_failure(mini: Path, run: Run) -> None:
    brief = mini / "templates" / "brief.html"
    brief.parent.mkdir()
    brief.write_text(
        '{% extends "builtin/brief.html" %}{% block meta %}{{ super() }}'
        '<link rel="stylesheet" href="http://example.com/x.css">{% endblock %}',
        encoding="utf-8",
    )
    outputs = {jobs: run("build", "--jobs", jobs, "--force").output for jobs in ("1", "2")}
    errors = {jobs: output[output.index("Error:") :] for jobs, output in outputs.items()}
    assert errors["1"] == errors["2"]
    assert errors["1"].startswith("Error: cannot make mini/brief.pdf:")
    assert not (mini / "output").exists()


@pytest.mark.pdf
def test_quiet_prints_nothing_and_plain_lines_name_pack_file_and_time(mini: Path, run: Run) -> None:
    quiet = run("build", "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""
    result = run("build", "--force")
    lines = result.output.splitlines()
    for line in lines[:6]:
        assert re.fullmatch(
            r"Laid out mini/[a-z/]+\.pdf: \d+ pages? in \d+\.\d s \[\d/6, \d+\.\d s\]", line
        ), line
    assert lines[6:] == [
        "mini: wrote 24 files to output/mini/ (6 PDFs laid out)",
        lines[7],
    ]
    assert run("build", "--quiet", "--verbose").exit_code == 2


def test_a_terminal_gets_one_status_line_redrawn_in_place() -> None:
    stream = io.StringIO()
    progress = ConsoleProgress(NORMAL, stream, live=True)
    progress.started(1)
    progress.rendering("mini", 1, 1)
    progress.laying_out(2)
    progress.laid_out("mini/brief.pdf", 2, 0.4)
    progress.pack_done("mini", Path("output/mini"), 14, 2, 0)
    progress.finished()
    shown = stream.getvalue()
    assert "\r\x1b[KRendering mini [1/1] · " in shown
    assert "Laying out PDFs [1/2]: mini/brief.pdf done · " in shown
    assert "Laid out" not in shown  # on a terminal the status line says it
    assert "mini: wrote 14 files to output/mini/ (2 PDFs laid out)\n" in shown
    assert shown.endswith("\r\x1b[K")  # the status line is cleared at the end


@pytest.mark.pdf
def test_the_cache_drops_records_of_deleted_output(mini: Path, run: Run) -> None:
    assert run("build", "--out", "elsewhere").exit_code == 0
    assert run("build").exit_code == 0
    import shutil

    shutil.rmtree(mini / "elsewhere")
    assert run("build", "--force").exit_code == 0
    from briefgen.errors import Problems
    from briefgen.load.config import load_config

    config = load_config(mini, Problems())
    assert config is not None
    records = BuildCache.for_project(config).packs
    assert list(records) == [str((mini / "output" / "mini").resolve())]
    assert os.path.isdir(next(iter(records)))


def test_content_edited_during_a_build_is_not_taken_as_built(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If a file changes while the pack is being built (a save under `briefgen serve`), the
    output may not match the files as they now are: the next build must not skip it."""
    import briefgen.commands.build
    from briefgen.errors import Problems
    from briefgen.load.config import load_config

    real = briefgen.commands.build.inputs_digest
    calls: list[int] = []

    def edited_meanwhile(config: object) -> str:
        calls.append(1)
        return real(config) + ("-before" if len(calls) == 1 else "")  # type: ignore[arg-type]

    monkeypatch.setattr(briefgen.commands.build, "inputs_digest", edited_meanwhile)
    briefgen.commands.build.build(mini, formats=("html",))
    config = load_config(mini, Problems())
    assert config is not None
    record = BuildCache.for_project(config).packs[str((mini / "output/mini").resolve())]
    assert record.inputs == ""


@pytest.mark.pdf
def test_an_html_only_build_keeps_listing_the_pdfs_of_the_last_build(mini: Path, run: Run) -> None:
    assert run("build").exit_code == 0
    index = mini / "output/mini/teacher/index.html"
    full = index.read_text("utf-8")
    assert 'href="companion.pdf">PDF, 4 pages</a>' in full
    for _ in range(2):  # the second time, the pages come from the first HTML build's record
        result = run("build", "--format", "html", "--force")
        assert result.exit_code == 0, result.output
        assert index.read_text("utf-8") == full
    assert run("build", "--format", "html").output.startswith("mini: unchanged")


def pandoc_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Word documents pandoc is run for from now on, by name."""
    from briefgen.output import docx

    real = docx._run_pandoc
    runs: list[str] = []

    def counted(arguments: list[str], page: bytes, name: str, created: object) -> tuple[str, ...]:
        runs.append(name)
        return real(arguments, page, name, created)  # type: ignore[arg-type]

    monkeypatch.setattr(docx, "_run_pandoc", counted)
    return runs


def word_documents(mini: Path) -> dict[str, bytes]:
    folder = mini / "output/mini"
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*.docx")
    }


def test_a_word_document_whose_page_is_unchanged_is_taken_from_the_cache(
    mini: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = pandoc_runs(monkeypatch)
    assert run("build", "--format", "docx").exit_code == 0
    made = word_documents(mini)
    assert made["student/brief.docx"] == made["teacher/brief.docx"]  # written once for both
    assert sorted(runs) == sorted(
        {f"mini/{name}".replace("student/brief", "brief") for name in made}
        - {"mini/teacher/brief.docx"}
    )

    runs.clear()  # a quotation's note shows in the teacher's companion, in no Word document
    quotations = mini / "content/quotations/quotes.yaml"
    edited = quotations.read_text("utf-8").replace("The one direct demand", "The only demand")
    quotations.write_text(edited, encoding="utf-8")
    result = run("build", "--format", "docx")
    assert result.exit_code == 0, result.output
    assert runs == []  # every page rendered again, none written by pandoc
    assert "mini: unchanged since the last build" in result.output
    assert word_documents(mini) == made

    brief = mini / "content/briefs/ceasefire.md"  # the brief's two documents change
    brief.write_text(brief.read_text("utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert run("build", "--format", "docx").exit_code == 0
    assert runs == ["mini/brief.docx"]
    again = word_documents(mini)
    assert sorted(name for name in made if again[name] != made[name]) == [
        "student/brief.docx",
        "teacher/brief.docx",
    ]


def test_force_and_a_tampered_cache_write_every_word_document_again(
    mini: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = pandoc_runs(monkeypatch)
    assert run("build", "--format", "docx").exit_code == 0
    made, written = word_documents(mini), len(runs)
    runs.clear()
    assert run("build", "--format", "docx", "--force").exit_code == 0
    assert len(runs) == written
    assert word_documents(mini) == made  # the same bytes, written again

    runs.clear()
    for stored in (user_cache_dir() / "projects").glob("*/docx/*.docx"):
        stored.write_bytes(b"PK not what pandoc wrote")
    brief = mini / "content/briefs/ceasefire.md"
    brief.write_text(brief.read_text("utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert run("build", "--format", "docx").exit_code == 0
    assert len(runs) == written
    assert all(b"not what pandoc wrote" not in data for data in word_documents(mini).values())


def test_the_cache_keeps_the_most_recently_used_pdfs_and_word_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stored PDFs and Word documents share one budget; the least recently used go first."""
    import briefgen.output.cache

    monkeypatch.setattr(briefgen.output.cache, "MAX_STORED_BYTES", 2500)
    folder = tmp_path / "cache-folder"
    for build, (kind, key) in enumerate(
        [("pdf", "old-pdf"), ("docx", "old-word"), ("pdf", "new-pdf"), ("docx", "new-word")]
    ):
        cache = BuildCache(folder)
        data = f"{key} ".encode() * 100  # 800 to 900 bytes: two files and a half fit
        if kind == "pdf":
            cache.store_pdf(key, data, 1, [], [])
        else:
            cache.store_word(key, data, ["pandoc warned: a picture"])
        assert cache.save() is None, build
    cache = BuildCache(folder)
    assert sorted(cache.pdfs) == ["new-pdf"]
    assert sorted(cache.words) == ["new-word"]
    assert cache.cached_word("new-word") == (b"new-word " * 100, ("pandoc warned: a picture",))
    assert cache.cached_word("old-word") is None
    stored = sorted(
        path.parent.name for path in folder.glob("*/*.*") if path.name != "manifest.json"
    )
    assert stored == ["docx", "pdf"]
