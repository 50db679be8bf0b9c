"""`briefgen find`: a remembered passage, as the source has it, with its locator."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Run

QUOTES = Path("content/quotations/quotes.yaml")


def test_a_passage_is_found_however_it_is_typed(mini: Path, run: Run) -> None:
    """Case, spacing, hyphens for dashes and straight quotes do not matter; the words come
    back as the source has them, with the unit they are in."""
    result = run("find", "AFGHAN  LED and afghan owned political process")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "kabul, point 2:\n\n"
        "    - id: QUOTATION-ID\n"
        "      source: kabul\n"
        "      text: >-\n"
        "        Afghan led and Afghan-owned political process\n"
        "      locator: point 2\n\n"
    )


def test_every_match_is_listed(mini: Path, run: Run) -> None:
    result = run("find", "a stable Afghanistan")
    assert result.exit_code == 0, result.output
    assert "1. kabul, point 2:" in result.output and "2. kabul, point 10:" in result.output
    assert result.output.endswith("2 passages match; add words to choose one.\n")
    one = run("find", "stable", "--source", "issi")
    assert one.exit_code == 1


def test_no_match_suggests_the_nearest_passage(mini: Path, run: Run) -> None:
    result = run("find", "support of neighbours and global partners")
    assert result.exit_code == 1
    assert result.output == (
        "Error: no source has the words \u201csupport of neighbours and global partners\u201d. "
        "The nearest is in kabul, point 2: \u201csupport of neighbors and international "
        "partners\u201d.\nSearch for the words as the source has them.\n"
    )


def test_add_appends_a_checked_quotation_and_refuses_a_used_id(mini: Path, run: Run) -> None:
    before = (mini / QUOTES).read_text("utf-8")
    result = run("find", "greater connectivity across the region", "--add", "kabul-connectivity")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Added quotation 'kabul-connectivity' (kabul, point 10) to content/quotations/quotes.yaml:"
    )
    added = (mini / QUOTES).read_text("utf-8")[len(before) :]
    assert added == (
        "\n- id: kabul-connectivity\n  source: kabul\n  text: >-\n"
        "    greater connectivity across the region\n  locator: point 10\n"
    )
    checked = run("check")
    assert checked.exit_code == 0, checked.output
    assert "quotation 'kabul-connectivity' has no `note` yet." in checked.output
    again = run("find", "a stable region", "--add", "kabul-connectivity")
    assert again.exit_code == 2
    assert "there is already a quotation 'kabul-connectivity'" in again.output
    several = run("find", "a stable Afghanistan", "--add", "kabul-stable-two")
    assert several.exit_code == 2
    assert "2 passages match (kabul, point 2; kabul, point 10), so nothing was added." in (
        several.output
    )
    assert (mini / QUOTES).read_text("utf-8") == before + added


def test_words_broken_over_a_line_dashes_and_curly_quotes_match() -> None:
    from briefgen.check.passages import find_passages
    from briefgen.load.structure import paragraphs
    from briefgen.model import Fact, Location, Source, SourceDate

    text = (
        "Intro.\n\nThey hope to persuade low-\nlevel fighters \u2018to lay\u2019 down "
        "\u201ctheir\u201d arms \u2013 now."
    )
    source = Source(
        id="memo", title="Memo", kind="memo", issuer=Fact("Office"), date=SourceDate(2009),
        text=text, text_path=Path("memo.txt"), location=Location(Path("memo.yaml"), 1),
        parts=paragraphs(text),
    )  # fmt: skip
    (found,) = find_passages(
        "persuade low-level fighters 'to lay' down \"their\" arms - now", [source]
    )
    assert (
        found.words
        == "persuade low-level fighters \u2018to lay\u2019 down \u201ctheir\u201d arms \u2013 now"
    )
    assert found.locator == "para. 2" and found.checked
