"""Bad input: the exact message users see, a non-zero exit, and output/ left untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run, replace_in, snapshot

QUOTES = "content/quotations/quotes.yaml"
BRIEF = "content/briefs/ceasefire.md"
COPY_HINT = (
    "      Copy the passage exactly from kabul.txt; mark cuts with ... and your own words "
    "in [square brackets].\n"
)
KABUL_POINT_3 = (
    "The participants called on all the armed groups to agree to a ceasefire and start peace "
    "talks with the Afghan Government immediately."
)


@pytest.fixture
def built_before(mini: Path, run: Run) -> dict[str, bytes]:
    """Build once so each error test can prove a failed build leaves output/ as it was."""
    result = run("build")
    assert result.exit_code == 0, result.output
    return snapshot(mini / "output")


def check_fails(run: Run) -> str:
    """Run `briefgen check`, which must fail; return what it printed."""
    result = run("check")
    assert result.exit_code == 1, result.output
    return result.output


def assert_build_fails(run: Run, mini: Path, before: dict[str, bytes], expected: str) -> None:
    result = run("build")
    assert result.exit_code == 1
    assert result.output == expected
    assert snapshot(mini / "output") == before
    assert [p.name for p in (mini / "output").iterdir()] == ["mini"], "temporary files left"


@pytest.mark.pdf
def test_changed_word_in_a_quotation(mini: Path, run: Run, built_before: dict[str, bytes]) -> None:
    replace_in(mini / QUOTES, "on all the armed groups", "on every armed group")
    assert_build_fails(
        run,
        mini,
        built_before,
        "Error: found 1 problem; nothing was built:\n"
        "  content/quotations/quotes.yaml:1: quotation 'kabul-ceasefire' is not word for word "
        "in source 'kabul': at word 5 the quotation has \"every\" where the source has "
        f'"all the". The source reads: "{KABUL_POINT_3}"\n' + COPY_HINT,
    )


def test_dropped_word_in_a_quotation(mini: Path, run: Run) -> None:
    replace_in(mini / QUOTES, "agree to a ceasefire", "agree to ceasefire")
    assert check_fails(run) == (
        "Error: found 1 problem:\n"
        "  content/quotations/quotes.yaml:1: quotation 'kabul-ceasefire' is not word for word "
        "in source 'kabul': the source has \"a\" at word 12, which the quotation leaves out. "
        f'The source reads: "{KABUL_POINT_3}"\n' + COPY_HINT
    )


def test_added_word_and_changed_capital_in_a_quotation(mini: Path, run: Run) -> None:
    replace_in(mini / QUOTES, "with the Afghan Government", "with the Afghan government")
    assert 'at word 21 the quotation has "government" where the source has "Government"' in (
        check_fails(run)
    )


def test_quotation_segments_out_of_order(mini: Path, run: Run) -> None:
    replace_in(
        mini / QUOTES,
        "text: A stable Afghanistan enables a stable region.",
        "text: start peace talks ... called on all the armed groups",
    )
    assert check_fails(run) == (
        "Error: found 1 problem:\n"
        "  content/quotations/quotes.yaml:10: quotation 'kabul-stable' is not word for word in "
        "source 'kabul': each part is in the source, but not in this order or not this close "
        "together; parts separated by an ellipsis must keep the source's order, and a "
        "[bracketed] insertion can stand for a few words only.\n" + COPY_HINT
    )


def test_quotation_across_the_gap_in_a_source_copy(mini: Path, run: Run) -> None:
    replace_in(
        mini / QUOTES,
        "  source: kabul\n  text: A stable Afghanistan enables a stable region.",
        "  source: issi\n  text: galvanize domestic support for the sought assistance",
    )
    assert check_fails(run) == (
        "Error: found 1 problem:\n"
        "  content/quotations/quotes.yaml:10: quotation 'kabul-stable' is not word for word in "
        "source 'issi': it runs across a gap in the source copy, where words are missing; "
        "quote up to the gap, or from after it.\n"
        "      Copy the passage exactly from issi.txt; mark cuts with ... and your own words "
        "in [square brackets].\n"
    )


@pytest.mark.pdf
def test_unknown_quotation_id_in_a_brief(
    mini: Path, run: Run, built_before: dict[str, bytes]
) -> None:
    replace_in(mini / BRIEF, "{{< quote kabul-stable >}}", "{{< quote kabul-stabel >}}")
    assert_build_fails(
        run,
        mini,
        built_before,
        "Error: found 1 problem; nothing was built:\n"
        "  content/briefs/ceasefire.md:16: {{< quote kabul-stabel >}} names no quotation. "
        "Did you mean 'kabul-stable'?\n"
        "      Quotation ids are the `id:` lines in content/quotations/.\n",
    )


def test_unknown_source_id_in_a_citation(mini: Path, run: Run) -> None:
    replace_in(mini / BRIEF, "[@issi, para. 2", "[@isi, para. 2")
    assert check_fails(run) == (
        "Error: found 1 problem:\n"
        "  content/briefs/ceasefire.md:22: [@isi] cites no source or quotation. "
        "Did you mean 'issi'?\n"
        "      Cite a source id (a file name in content/sources/) or a quotation id.\n"
    )


def test_unknown_source_id_in_a_quotation(mini: Path, run: Run) -> None:
    replace_in(mini / QUOTES, "  source: issi\n", "  source: issy\n")
    assert check_fails(run) == (
        "Error: found 1 problem:\n"
        "  content/quotations/quotes.yaml:16: quotation 'issi-in-return' names source 'issy', "
        "which does not exist. Did you mean 'issi'?\n"
        "      Sources are the .yaml files in content/sources/; use a file name without .yaml.\n"
    )


def test_misquoted_phrase_in_prose(mini: Path, run: Run) -> None:
    replace_in(mini / BRIEF, 'the "best offer"', 'the "finest offer"')
    assert check_fails(run).startswith(
        "Error: found 1 problem:\n"
        '  content/briefs/ceasefire.md:22: "finest offer" is in quotation marks but is not '
        "word for word in the sources this brief cites"
    )


def test_every_problem_is_reported_in_one_run(mini: Path, run: Run) -> None:
    replace_in(mini / QUOTES, "agree to a ceasefire", "agree to ceasefire")
    replace_in(mini / BRIEF, "[@issi, para. 2", "[@isi, para. 2")
    replace_in(mini / "briefgen.yaml", 'accent: "#7a1f3d"', "accent: maroon")
    assert check_fails(run).startswith("Error: found 3 problems:\n  briefgen.yaml:9: `accent`")


NOTE = (
    "\nThe chairman is never named.[^chair]\n\n"
    '[^chair]: The statement says only that "The Chairman summarizes the meeting".\n'
)


def test_explanatory_note_is_numbered_with_the_citations(mini: Path, run: Run) -> None:
    with (mini / BRIEF).open("a", encoding="utf-8") as brief:
        brief.write(NOTE)
    assert run("build", "--format", "html").exit_code == 0
    html = (mini / "output/mini/student/brief.html").read_text(encoding="utf-8")
    assert (
        '<li id="note-6" class="explanatory">The statement says only that '
        "“The Chairman summarizes the meeting”." in html
    )
    assert 'never named.<sup class="note-ref"><a href="#note-6" id="ref-6"' in html


def test_dangling_endnote_reference_and_unused_note(mini: Path, run: Run) -> None:
    with (mini / BRIEF).open("a", encoding="utf-8") as brief:
        brief.write(NOTE.replace("named.[^chair]", "named.[^chiar]"))
    assert check_fails(run) == (
        "Error: found 2 problems:\n"
        "  content/briefs/ceasefire.md:24: [^chiar] points to a note that is not written out.\n"
        "      Add a paragraph `[^chiar]: the text of the note` to the brief, or remove the "
        "reference.\n"
        "  content/briefs/ceasefire.md:26: note [^chair] is written out but never referenced.\n"
        "      Put [^chair] in the text where the note belongs, or delete the note.\n"
    )


def test_note_referenced_twice_or_written_twice(mini: Path, run: Run) -> None:
    with (mini / BRIEF).open("a", encoding="utf-8") as brief:
        brief.write(NOTE + "\nAgain.[^chair]\n\n[^chair]: Twice.\n")
    assert check_fails(run) == (
        "Error: found 2 problems:\n"
        "  content/briefs/ceasefire.md:28: [^chair] is referenced twice (first at line 24); "
        "a note belongs to one place.\n"
        "      Write a second note, or cite the source again with [@id].\n"
        "  content/briefs/ceasefire.md:30: this note is written out twice: [^chair]\n"
        "      Keep one `[^chair]:` line (the other is at line 26).\n"
    )


def test_a_citation_before_a_note_is_checked_like_any_other(mini: Path, run: Run) -> None:
    brief = mini / BRIEF
    brief.write_text(
        brief.read_text("utf-8") + "\nSaid.[@no-such-source, p. 1][^x]\n\n[^x]: Why.\n", "utf-8"
    )
    output = check_fails(run)
    assert "[@no-such-source] cites no source or quotation." in output
    replace_in(brief, "[@no-such-source, p. 1][^x]", "[@kabul, point 3][x]")
    output = check_fails(run)
    assert "ceasefire.md:24: this looks like a citation but is not read as one" in output
