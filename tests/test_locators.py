"""Locators are verified: each names units of its source's structure, and a quotation's words
are inside the units its locator names."""

from __future__ import annotations

import json
from pathlib import Path

from briefgen.load.locators import Unresolved, resolve, summary
from briefgen.load.structure import paragraphs
from briefgen.model import Part
from tests.conftest import REPO, Run, replace_in
from tests.test_errors import check_fails

QUOTES = "content/quotations/quotes.yaml"
KABUL = "content/sources/kabul.yaml"
BRIEF = "content/briefs/ceasefire.md"


def part(label: str, section: str = "", start: int = 0) -> Part:
    return Part("unit", label, section, start, start + 1)


ISAF_LIKE = (
    part("title block"),
    Part("heading", "introduction", "introduction", 1, 1, ours=True),
    *(part(f"para. {n}", "introduction", n) for n in range(1, 4)),
    Part("heading", "Guiding principles", "Guiding principles", 5, 6),
    *(part(f"point {n}", "Guiding principles", 5 + n) for n in range(1, 6)),
    Part("heading", "ISAF Posture", "ISAF Posture", 12, 13),
    *(part(f"point {n}", "ISAF Posture", 12 + n) for n in range(1, 4)),
)


def names(found: tuple[Part, ...] | Unresolved) -> list[str] | Unresolved:
    return found if isinstance(found, Unresolved) else [unit.name for unit in found]


def test_a_locator_names_units_ranges_lists_and_whole_sections() -> None:
    assert names(resolve("title block", ISAF_LIKE)) == ["title block"]
    assert names(resolve("Guiding principles, points 2–3", ISAF_LIKE)) == [
        "Guiding principles, point 2",
        "Guiding principles, point 3",
    ]
    assert names(resolve("introduction, paras. 1 and 3", ISAF_LIKE)) == [
        "introduction, para. 1",
        "introduction, para. 3",
    ]
    assert names(
        resolve("Guiding principles, points 3 and 5, and ISAF Posture, point 2", ISAF_LIKE)
    ) == [
        "Guiding principles, point 3",
        "Guiding principles, point 5",
        "ISAF Posture, point 2",
    ]
    assert names(resolve("ISAF Posture", ISAF_LIKE)) == [
        "ISAF Posture, point 1",
        "ISAF Posture, point 2",
        "ISAF Posture, point 3",
    ]
    assert names(resolve("Introduction, Paragraph 2", ISAF_LIKE)) == ["introduction, para. 2"]


def test_a_locator_naming_no_unit_says_which_words_name_nothing() -> None:
    assert resolve("Guiding principles, point 9", ISAF_LIKE) == Unresolved("point 9")
    assert resolve("page 4", ISAF_LIKE) == Unresolved("page 4")
    ambiguous = resolve("point 1", ISAF_LIKE)
    assert ambiguous == Unresolved("point 1", ("Guiding principles", "ISAF Posture"))


def test_bare_numbers_take_the_noun_before_them() -> None:
    units = tuple(part(f"para. {n}", start=n) for n in range(1, 11))
    assert names(resolve("paras. 3, 9 and 10", units)) == ["para. 3", "para. 9", "para. 10"]
    assert resolve("paras. 3, 9 and 11", units) == Unresolved("para. 11")


def test_the_units_are_summarised_in_runs() -> None:
    assert summary(ISAF_LIKE) == (
        "title block, introduction, para. 1–3, Guiding principles, point 1–5, "
        "ISAF Posture, point 1–3"
    )


def test_a_source_without_a_structure_is_its_paragraphs_at_blank_lines() -> None:
    text = "Title\n\nFirst paragraph\nruns on.\n  \nSecond.\n\n\nThird.\n"
    units = paragraphs(text)
    assert [unit.label for unit in units] == ["para. 1", "para. 2", "para. 3", "para. 4"]
    assert [text[unit.start : unit.end] for unit in units] == [
        "Title",
        "First paragraph\nruns on.",
        "Second.",
        "Third.",
    ]


def test_a_quotation_moved_to_another_points_locator_names_where_its_words_are(
    mini: Path, run: Run
) -> None:
    replace_in(mini / QUOTES, "locator: point 3", "locator: point 4")
    assert check_fails(run) == (
        "Error: found 1 problem:\n"
        "  content/quotations/quotes.yaml:1: quotation 'kabul-ceasefire' has the locator "
        "'point 4', but its words are in point 3.\n"
        "      Correct the locator to 'point 3'.\n"
    )


def test_a_locator_naming_no_unit_fails_with_a_suggestion(mini: Path, run: Run) -> None:
    replace_in(mini / QUOTES, "locator: point 2", "locator: pont 2")
    assert check_fails(run) == (
        "Error: found 1 problem:\n"
        "  content/quotations/quotes.yaml:10: quotation 'kabul-stable' has the locator "
        "'pont 2', but source 'kabul' has no unit 'pont 2'. Did you mean 'point 2'?\n"
        "      Its units, from the `structure` in kabul.yaml: title block, introduction, "
        "point 1–11.\n"
    )


def test_a_brief_citation_and_a_timeline_entry_have_their_locators_checked(
    mini: Path, run: Run
) -> None:
    replace_in(mini / BRIEF, "[@kabul, point 3]", "[@kabul, point 13]")
    replace_in(mini / "content/timeline.yaml", "locator: point 3", "locator: point 1")
    output = check_fails(run)
    assert (
        "content/briefs/ceasefire.md:11: the citation of 'kabul' has the locator 'point 13', "
        "but source 'kabul' has no unit 'point 13'. Did you mean 'point 3'?"
    ) in output
    assert (
        "content/timeline.yaml:1: the timeline entry of 2017-06-06 has the locator 'point 1', "
        "but the words of quotation 'kabul-ceasefire' are in point 3.\n"
        "      Correct the locator to 'point 3'."
    ) in output


def test_a_structure_whose_words_are_not_in_the_text_is_reported(mini: Path, run: Run) -> None:
    replace_in(mini / KABUL, "starts: 3-The participants", "starts: 3- The participants")
    output = check_fails(run)
    assert (
        "content/sources/kabul.yaml:25: the words '3- The participants called on' are not in "
        "the source text after the entry before."
    ) in output


def test_every_bundled_locator_resolves_and_check_counts_them(bundled: Path, run: Run) -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "88 locators checked against their sources" in result.output
    records = json.loads(run("list", "quotes", "--json").output)
    assert all(record["units"] for record in records)
    stable = next(record for record in records if record["id"] == "kabul-stable-region")
    assert stable["locator"] == "point 2"
    assert stable["units"] == ["point 2"]


def test_the_bundled_structures_begin_and_end_where_the_documents_do() -> None:
    from briefgen.commands.build import load_project

    library = load_project(REPO).library
    kabul = library.sources["kabul-2017"]
    outside = [kabul.text[p.start : p.end].split() for p in kabul.parts if p.kind == "outside"]
    assert outside[0][:3] == ["Home", "/", "Latest"]
    assert outside[1][:2] == ["About", "admin"]
    title = next(p for p in kabul.parts if p.label == "title block")
    assert " ".join(kabul.text[title.start : title.end].split()) == (
        "Statement of Kabul Process for Peace and Security Cooperation"
    )
    issi = library.sources["issi-2018"]
    assert summary(issi.parts) == "title block, para. 1–10"
