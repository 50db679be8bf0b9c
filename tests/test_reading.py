"""Reading level, measured: `check --reading` lists each text a student reads with its
Flesch-Kincaid grade, and `reading_level:` in briefgen.yaml turns those above it into
warnings with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run, replace_in

LONG_DEFINITION = (
    "An agreement by the belligerent parties to a protracted armed conflict to suspend "
    "hostilities, which the participating governments and international organisations, "
    "emphasizing the significance of regional cooperation, requested of every armed group."
)
EASY_DEFINITION = (
    "An agreement to stop fighting. The statement asks every armed group to agree to one. "
    "It also asks them to start talks at once."
)


def test_reading_level_lists_each_text_hardest_first(mini: Path, run: Run) -> None:
    replace_in(
        mini / "content" / "glossary.yaml",
        "  definition: An agreement to stop fighting, here asked of every armed group.",
        f"  definition: {LONG_DEFINITION}",
    )
    replace_in(
        mini / "content" / "glossary.yaml",
        "  definition: The Afghan army and police, in ISSI's words.",
        f"  definition: {EASY_DEFINITION}",
    )
    result = run("check", "--reading")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "Reading level of each text a student reads (Flesch-Kincaid grade; words a sentence), "
        "hardest first:"
    )
    hard, easy = lines[1], lines[2]
    assert hard.endswith("the definition of glossary term 'ceasefire' (content/glossary.yaml:1)")
    assert easy.endswith("the definition of glossary term 'ANSF' (content/glossary.yaml:6)")
    assert float(hard.split()[0]) > 18 > 5 > float(easy.split()[0])
    assert hard.split()[1] == "32"  # words a sentence
    assert "Warning" not in result.output  # no reading_level: a report, not advice


def test_a_text_above_the_reading_level_is_a_warning_with_file_and_line(
    mini: Path, run: Run
) -> None:
    replace_in(
        mini / "content" / "glossary.yaml",
        "  definition: An agreement to stop fighting, here asked of every armed group.",
        f"  definition: {LONG_DEFINITION}",
    )
    (mini / "briefgen.yaml").write_text(
        (mini / "briefgen.yaml").read_text("utf-8") + "reading_level: 10\n", encoding="utf-8"
    )
    for command in (("check",), ("build", "--format", "html")):
        result = run(*command)
        assert result.exit_code == 0, result.output
        output = " ".join(result.output.split())
        assert (
            "Warning: content/glossary.yaml:1: the definition of glossary term 'ceasefire' reads "
            "at grade " in output
        )
        assert (
            "(32 words a sentence), above the reading_level of 10. Shorter sentences and plainer "
            "words bring it down." in output
        )


def test_briefs_may_have_a_reading_level_of_their_own(mini: Path, run: Run) -> None:
    (mini / "briefgen.yaml").write_text(
        (mini / "briefgen.yaml").read_text("utf-8") + "reading_level: {grade: 10, brief: 13}\n",
        encoding="utf-8",
    )
    result = run("check")
    assert result.exit_code != 0
    assert "`reading_level` has an unknown key `brief`." in result.output
    assert "Did you mean `briefs`?" in result.output


def test_a_reading_level_that_is_not_a_grade_is_refused(mini: Path, run: Run) -> None:
    (mini / "briefgen.yaml").write_text(
        (mini / "briefgen.yaml").read_text("utf-8") + "reading_level: easy\n", encoding="utf-8"
    )
    result = run("check")
    assert result.exit_code != 0
    assert (
        "briefgen.yaml:14: `reading_level` should be a school grade from 1 to 18, such as 10, "
        "not 'easy'." in " ".join(result.output.split())
    )


def test_a_reader_that_stops_reading_is_not_a_failure(mini: Path) -> None:
    """`briefgen check --reading | head`: the reader goes away; briefgen stops quietly,
    as a shell command does (141), with no 'bug' message."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "briefgen", "check", "--reading"]
    with subprocess.Popen(command, cwd=mini, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as run:
        assert run.stdout is not None and run.stderr is not None
        run.stdout.close()  # gone before briefgen writes a word
        errors = run.stderr.read().decode()
    assert run.returncode == 141, errors
    assert errors == ""


def test_measurements_are_kept_so_textstat_loads_only_for_new_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """textstat takes a quarter of a second to load: a text measured once is measured
    from the user cache after, and a changed or unreadable cache is measured again."""
    import sys

    from briefgen.check.reading import CACHE_NAME, measurements

    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path))
    first = measurements([LONG_DEFINITION, EASY_DEFINITION])
    assert first[1][:2] == (24, 3) and first[0][2] > first[1][2]  # words, sentences
    monkeypatch.setitem(sys.modules, "textstat", None)  # any import of it now fails
    assert measurements([EASY_DEFINITION, LONG_DEFINITION]) == first[::-1]
    with pytest.raises(ImportError):
        measurements(["A sentence never measured before, so textstat is needed for it."])
    (tmp_path / CACHE_NAME).write_text("{not json", encoding="utf-8")
    monkeypatch.delitem(sys.modules, "textstat")
    assert measurements([LONG_DEFINITION, EASY_DEFINITION]) == first
