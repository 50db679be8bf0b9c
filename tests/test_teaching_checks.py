"""The checker on the teaching material: source guides, glossary, timeline, comparison,
questions and exercises. Each test breaks one thing and asserts the exact message."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES, Run, replace_in
from tests.test_errors import check_fails

KABUL = "content/sources/kabul.yaml"
# where the text of a summary a test adds to the end of the fixture source begins
SUMMARY_LINE = len((FIXTURES / "mini" / KABUL).read_text("utf-8").splitlines()) + 2
GLOSSARY = "content/glossary.yaml"
TIMELINE = "content/timeline.yaml"
COMPARISON = "content/comparison.yaml"
QUESTIONS = "content/questions.yaml"
EXERCISES = "content/exercises.yaml"

OUR_SUMMARY = (
    "A short summary in our own words of what the chairman reports about the meeting, "
    "its call for a ceasefire and the regional frame. "
)


LATER_HINT = (
    "Check the date, or cite the source that states the event. If the source announces it "
    "for a later day, add `planned: true`: the timeline marks it planned."
)


def add_to_source(mini: Path, text: str) -> None:
    with (mini / KABUL).open("a", encoding="utf-8") as file:
        file.write(text)


def one_problem(location: str, message: str, hint: str) -> str:
    return f"Error: found 1 problem:\n  {location}: {message}\n      {hint}\n"


def test_summary_too_short(mini: Path, run: Run) -> None:
    add_to_source(mini, f"summary: >-\n  {OUR_SUMMARY * 2}\n")
    assert check_fails(run) == one_problem(
        f"{KABUL}:{SUMMARY_LINE}",
        "the summary of source 'kabul' has 48 words; it should have 150 to 300.",
        "Say more: who, what, why.",
    )


def test_summary_within_bounds_passes(mini: Path, run: Run) -> None:
    add_to_source(mini, f"summary: >-\n  {OUR_SUMMARY * 7}\n")
    result = run("check")
    assert result.exit_code == 0, result.output


def test_summary_copied_from_the_source(mini: Path, run: Run) -> None:
    copied = "called on all the armed groups to agree to a ceasefire and start peace talks"
    add_to_source(mini, f"summary: >-\n  {OUR_SUMMARY * 6} The participants {copied}.\n")
    assert check_fails(run) == one_problem(
        f"{KABUL}:{SUMMARY_LINE}",
        "the summary of source 'kabul' copies 10 or more words in a row from the source: "
        '"the participants called on all the armed groups to agree".',
        "Summaries are in our own words: rephrase it, or quote it in a quotation.",
    )


def test_key_point_backed_by_another_sources_quotation(mini: Path, run: Run) -> None:
    points = "".join(
        f"  - text: Point {n} in our words.\n    quotes: [kabul-stable]\n" for n in range(1, 5)
    )
    add_to_source(
        mini, f"key_points:\n{points}  - text: The 2018 ask.\n    quotes: [issi-in-return]\n"
    )
    assert check_fails(run) == one_problem(
        f"{KABUL}:{SUMMARY_LINE + 8}",
        "a key point of source 'kabul' cites quotation 'issi-in-return', which is from "
        "'issi', not from 'kabul'.",
        "Choose a quotation of 'kabul' (`briefgen list quotes`).",
    )


def test_too_few_key_points(mini: Path, run: Run) -> None:
    add_to_source(mini, "key_points:\n  - text: Only one.\n    quotes: [kabul-stable]\n")
    assert check_fails(run) == one_problem(
        f"{KABUL}:{SUMMARY_LINE}",
        "source 'kabul' has 1 key point; it should have 5 to 8.",
        "Add the points a reader must know.",
    )


def test_glossary_term_the_listed_source_does_not_use(mini: Path, run: Run) -> None:
    replace_in(mini / GLOSSARY, "  sources: [issi]", "  sources: [issi, kabul]")
    assert check_fails(run) == one_problem(
        "content/glossary.yaml:6",
        "glossary term 'ANSF': 'ANSF' does not occur in kabul.txt, yet `sources` lists 'kabul'.",
        "List only the sources that use the term; add the form they use to `also`.",
    )


def test_glossary_abbreviations_match_in_capitals_only(mini: Path, run: Run) -> None:
    # kabul.txt has "is" on every line but never "IS"; issi.txt writes "Daesh /IS"
    replace_in(mini / GLOSSARY, "- term: ANSF", "- term: IS\n  also: [ANSF]")
    assert run("check").exit_code == 0
    replace_in(mini / GLOSSARY, "  sources: [issi]", "  sources: [kabul]")
    assert check_fails(run) == one_problem(
        "content/glossary.yaml:6",
        "glossary term 'IS': 'IS' or 'ANSF' does not occur in kabul.txt, "
        "yet `sources` lists 'kabul'.",
        "List only the sources that use the term; add the form they use to `also`.",
    )


def test_glossary_unknown_quotation_and_source(mini: Path, run: Run) -> None:
    replace_in(mini / GLOSSARY, "  quote: kabul-ceasefire", "  quote: kabul-cease")
    replace_in(mini / GLOSSARY, "  sources: [issi]", "  sources: [isi]")
    assert check_fails(run) == (
        "Error: found 2 problems:\n"
        "  content/glossary.yaml:1: glossary term 'ceasefire' cites quotation 'kabul-cease', "
        "which does not exist. Did you mean 'kabul-ceasefire'?\n"
        "      Quotation ids are the `id:` lines in content/quotations/ "
        "(`briefgen list quotes`).\n"
        "  content/glossary.yaml:6: glossary term 'ANSF' names source 'isi', which does not "
        "exist. Did you mean 'issi'?\n"
        "      Sources are the .yaml files in content/sources/; use a file name without .yaml.\n"
    )


def test_timeline_event_later_than_its_source(mini: Path, run: Run) -> None:
    replace_in(mini / TIMELINE, "- date: 2018-02-28", "- date: 2018-04")
    assert check_fails(run) == one_problem(
        "content/timeline.yaml:7",
        "the timeline entry of 2018-04 is later than its source 'issi' (2018-03-09), "
        "which cannot report it as done.",
        LATER_HINT,
    )


def test_timeline_out_of_order(mini: Path, run: Run) -> None:
    replace_in(mini / TIMELINE, "- date: 2017-06-06", "- date: 2018-03")
    assert check_fails(run) == (
        "Error: found 2 problems:\n"
        "  content/timeline.yaml:1: the timeline entry of 2018-03 is later than its source "
        "'kabul' (2017-06-06), which cannot report it as done.\n"
        f"      {LATER_HINT}\n"
        "  content/timeline.yaml:7: the timeline entry of 2018-02-28 comes after one of "
        "2018-03 (content/timeline.yaml:1).\n"
        "      Keep the timeline in date order, earliest first.\n"
    )


def test_timeline_entry_needs_a_source_or_context(mini: Path, run: Run) -> None:
    replace_in(mini / TIMELINE, "  source: issi\n  locator: para. 2\n", "")
    assert check_fails(run) == one_problem(
        "content/timeline.yaml:7",
        "a timeline entry is missing `source`.",
        "Add a line `source: ...` to this block.",
    )


def test_comparison_cell_missing_and_quote_from_the_wrong_source(mini: Path, run: Run) -> None:
    replace_in(mini / COMPARISON, "        quote: issi-in-return", "        quote: kabul-stable")
    replace_in(
        mini / COMPARISON,
        "      kabul:\n        text: A ceasefire and talks, at once.\n"
        "        quote: kabul-ceasefire\n",
        "",
    )
    assert check_fails(run) == (
        "Error: found 2 problems:\n"
        "  content/comparison.yaml:4: comparison row 'What is asked' has no cell for 'kabul'.\n"
        "      Add `kabul: {text: ..., quote: ...}` under `cells`; where the source is silent, "
        "say so and quote what it does say.\n"
        "  content/comparison.yaml:7: the 'issi' cell of comparison row 'What is asked' cites "
        "quotation 'kabul-stable', which is from 'kabul', not from 'issi'.\n"
        "      Choose a quotation of 'issi' (`briefgen list quotes`).\n"
    )


def test_question_cites_an_unknown_quotation(mini: Path, run: Run) -> None:
    replace_in(mini / QUESTIONS, "issi-in-return]", "issi-in-retrun]")
    assert check_fails(run) == one_problem(
        "content/questions.yaml:1",
        "question 'q-asked' cites quotation 'issi-in-retrun', which does not exist. "
        "Did you mean 'issi-in-return'?",
        "Quotation ids are the `id:` lines in content/quotations/ (`briefgen list quotes`).",
    )


def test_question_level_and_duplicate_id(mini: Path, run: Run) -> None:
    text = (mini / QUESTIONS).read_text()
    (mini / QUESTIONS).write_text(text + "\n" + text.replace("level: recall", "level: remember"))
    assert check_fails(run) == one_problem(
        "content/questions.yaml:8",
        "`level` should be one of recall, understanding, application, analysis, evaluation, "
        "not 'remember'.",
        "",
    ).replace("\n      \n", "\n")
    (mini / QUESTIONS).write_text(text + "\n" + text)
    assert check_fails(run) == one_problem(
        "content/questions.yaml:7",
        "question id 'q-asked' is already used at content/questions.yaml:1.",
        "Give each question its own id.",
    )


def test_exercise_passage_from_another_source(mini: Path, run: Run) -> None:
    replace_in(mini / EXERCISES, "passage: kabul-ceasefire", "passage: issi-in-return")
    assert check_fails(run) == one_problem(
        "content/exercises.yaml:1",
        "exercise 'ex-kabul' cites quotation 'issi-in-return', which is from 'issi', "
        "not from 'kabul'.",
        "Choose a quotation of 'kabul' (`briefgen list quotes`).",
    )


def test_teaching_files_are_optional(mini: Path, run: Run) -> None:
    for name in (GLOSSARY, TIMELINE, COMPARISON, QUESTIONS, EXERCISES):
        (mini / name).unlink()
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "0 glossary terms, 0 timeline events, 0 comparison rows" in result.output


NOTES = "content/teaching-notes.yaml"


def test_teaching_note_about_an_unknown_source(mini: Path, run: Run) -> None:
    replace_in(mini / NOTES, "sources: [kabul]", "sources: [kabull]")
    assert check_fails(run) == one_problem(
        f"{NOTES}:2",
        "teaching note 'starter' names source 'kabull', which does not exist. "
        "Did you mean 'kabul'?",
        "Sources are the .yaml files in content/sources/; use a file name without .yaml.",
    )


def test_teaching_note_misquoting_its_source(mini: Path, run: Run) -> None:
    replace_in(
        mini / NOTES,
        "who is being asked to stop fighting",
        'why the statement "called on all armed groups"',
    )
    message = check_fails(run)
    assert message.startswith(
        f'Error: found 1 problem:\n  {NOTES}:7: "called on all armed groups" is in quotation '
        "marks but is not word for word in the sources this note is about; the nearest "
        "passage is in 'kabul':"
    ), message


def test_teaching_note_id_used_twice(mini: Path, run: Run) -> None:
    text = (mini / NOTES).read_text(encoding="utf-8")
    (mini / NOTES).write_text(text + text.split("\n", 1)[1], encoding="utf-8")
    assert check_fails(run) == one_problem(
        f"{NOTES}:10",
        f"teaching note 'starter': the id is already used at {NOTES}:2.",
        "Give each teaching note its own id.",
    )


def test_handout_quotes_must_be_three_to_five_of_the_source(mini: Path, run: Run) -> None:
    add_to_source(mini, "handout_quotes: [kabul-ceasefire, issi-in-return]\n")
    assert check_fails(run) == (
        "Error: found 2 problems:\n"
        f"  {KABUL}:1: source 'kabul' lists 2 `handout_quotes`; a handout shows 3 to 5.\n"
        "      Pick the passages a class most needs to read.\n"
        f"  {KABUL}:1: the handout of source 'kabul' cites quotation 'issi-in-return', which "
        "is from 'issi', not from 'kabul'.\n"
        "      Choose a quotation of 'kabul' (`briefgen list quotes`).\n"
    )


def test_a_teaching_note_must_say_which_packs_it_is_for(mini: Path, run: Run) -> None:
    """A note with no sources, quotes or packs once went into every pack, on any topic."""
    replace_in(mini / NOTES, "  sources: [kabul]\n  quotes: [kabul-ceasefire]\n", "")
    assert check_fails(run) == one_problem(
        f"{NOTES}:2",
        "teaching note 'starter' does not say which packs it is for.",
        "Give it `packs:` (pack ids from briefgen.yaml), or `sources:` or `quotes:`: it "
        "then goes in the packs that use them.",
    )
    replace_in(mini / NOTES, "  title:", "  packs: [minii]\n  title:")
    assert check_fails(run) == one_problem(
        f"{NOTES}:2",
        "teaching note 'starter' names pack 'minii', which briefgen.yaml does not have. "
        "Did you mean 'mini'?",
        "The packs are: mini.",
    )


def test_a_teaching_note_goes_only_in_the_packs_it_is_for(mini: Path, run: Run) -> None:
    config = mini / "briefgen.yaml"
    config.write_text(
        config.read_text("utf-8") + "  other:\n    title: Other\n    briefs: [ceasefire]\n",
        "utf-8",
    )
    replace_in(
        mini / NOTES, "  sources: [kabul]\n  quotes: [kabul-ceasefire]\n", "  packs: [mini]\n"
    )
    assert run("build", "--format", "html").exit_code == 0
    title = "Start with the ceasefire call"
    assert title in (mini / "output/mini/teacher/companion.html").read_text("utf-8")
    assert title not in (mini / "output/other/teacher/companion.html").read_text("utf-8")


def test_a_planned_event_may_be_later_than_its_source(mini: Path, run: Run) -> None:
    """A source of 9 March 2018 may announce talks for April: `planned: true` says so."""
    replace_in(mini / TIMELINE, "- date: 2018-02-28", "- date: 2018-04\n  planned: true")
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    page = (mini / "output/mini/teacher/companion.html").read_text("utf-8")
    assert (
        '<time datetime="2018-04">April\u00a02018</time><span class="inferred"> (planned)' in page
    )
