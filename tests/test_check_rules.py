"""Each check rule on its own: records built in memory, the rule called directly, the exact
problem (where, what, how to fix) asserted. The CLI's view of the same rules is in
test_bad_input.py and test_teaching_checks.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefgen.check.checker import Checker
from briefgen.check.project import check_project
from briefgen.check.quotations import (
    check_own_words,
    check_quotations,
    check_quoted_phrase,
    check_source_texts,
)
from briefgen.check.references import (
    check_brief,
    check_notes,
    check_pack,
    check_prose_references,
    check_quote,
    check_source_id,
    cited_sources,
)
from briefgen.check.teaching import (
    check_comparison,
    check_glossary,
    check_questions,
    check_source_guide,
    check_teaching_notes,
    check_timeline,
    later,
)
from briefgen.errors import Problem, Problems
from briefgen.load import markdown as markup
from briefgen.model import (
    Brief,
    Comparison,
    ComparisonCell,
    ComparisonRow,
    Config,
    Exercise,
    Fact,
    GlossaryEntry,
    Issuer,
    KeyPoint,
    Library,
    Location,
    Pack,
    Project,
    Prose,
    Question,
    Quotation,
    Source,
    SourceDate,
    Teaching,
    TeachingNote,
    TextGap,
    TimelineEntry,
)

KABUL_TEXT = """\
1- Meeting
The participants called on all the armed groups to stop fighting and start peace talks
with the Afghan Government. A stable Afghanistan enables a stable region.
2- The Islamic State (IS) is a threat to the whole region and to the peace pro-
cess in Afghanistan.
"""
ISSI_TEXT = """\
The institute held a seminar on regional connectivity. Speakers said that trade and
transit would follow a ceasefire, and that it is a powerful signal of solidarity.
"""
TEN_KABUL_WORDS = "called on all the armed groups to stop fighting and"
QUOTES = "content/quotations/quotes.yaml"
GLOSSARY = "content/glossary.yaml"
TIMELINE = "content/timeline.yaml"
COMPARISON = "content/comparison.yaml"
QUESTIONS = "content/questions.yaml"
NOTES = "content/teaching-notes.yaml"
BRIEF = "content/briefs/ceasefire.md"
CONFIG = "briefgen.yaml"
SOURCES_HINT = "Sources are the .yaml files in content/sources/; use a file name without .yaml."
QUOTES_HINT = "Quotation ids are the `id:` lines in content/quotations/ (`briefgen list quotes`)."
COPIED_HINT = "Summaries are in our own words: rephrase it, or quote it in a quotation."
PHRASE_HINT = (
    "Copy the words exactly, or use {{< quote ID >}} for a checked quotation. "
    "If the marks are not a quotation (a title, a so-called term), use italics instead."
)


LATER_HINT = (
    "Check the date, or cite the source that states the event. If the source announces it "
    "for a later day, add `planned: true`: the timeline marks it planned."
)


def at(path: str, line: int | None = None) -> Location:
    return Location(Path(path), line)


def make_source(source_id: str, text: str, date: SourceDate, **fields: Any) -> Source:
    return Source(
        id=source_id,
        title=f"The {source_id} document",
        kind="statement",
        issuer=Fact("An issuer"),
        date=date,
        text=text,
        text_path=Path(f"content/sources/{source_id}.txt"),
        location=at(f"content/sources/{source_id}.yaml", 1),
        **fields,
    )


KABUL = make_source("kabul", KABUL_TEXT, SourceDate(2017, 6, 6))
ISSI = make_source("issi", ISSI_TEXT, SourceDate(2017, 3))
STABLE = Quotation(
    "kabul-stable",
    "kabul",
    "A stable Afghanistan enables a stable region",
    "point 1",
    at(QUOTES, 1),
)
TRADE = Quotation(
    "issi-trade", "issi", "trade and transit would follow a ceasefire", "para. 1", at(QUOTES, 6)
)


def library(
    sources: tuple[Source, ...] = (KABUL, ISSI),
    quotations: tuple[Quotation, ...] = (STABLE, TRADE),
    briefs: tuple[Brief, ...] = (),
    teaching: Teaching | None = None,
    unreadable: frozenset[str] = frozenset(),
    quotations_complete: bool = True,
) -> Library:
    """A library of the two sources and their two quotations, unless told otherwise."""
    return Library(
        sources={source.id: source for source in sources},
        quotations={quotation.id: quotation for quotation in quotations},
        briefs={brief.id: brief for brief in briefs},
        unreadable=unreadable,
        quotations_complete=quotations_complete,
        teaching=teaching or Teaching(),
    )


def found(rule: Callable[..., object], content: Library, *arguments: Any) -> list[Problem]:
    """The problems ``rule`` finds in ``content``, in the order it reports them."""
    problems = Problems()
    rule(Checker(content, problems), *arguments)
    return list(problems)


def brief(body: str, lead: str = "A lead.[@kabul]") -> Brief:
    return Brief(
        id="ceasefire",
        title="Ceasefire",
        short_title="Ceasefire",
        author="Sam Teacher",
        author_role="Head of History",
        editor="Alex Editor",
        date=dt.date(2024, 3, 5),
        lead=Prose(lead, at(BRIEF, 9)),
        body=Prose(body, at(BRIEF, 14)),
        location=at(BRIEF, 1),
    )


# The checker ---------------------------------------------------------------------------


def test_the_checker_holds_each_source_text_normalised() -> None:
    check = Checker(library(), Problems())
    text = check.text(KABUL)
    assert text.plain.startswith("Meeting The participants")  # point number gone
    assert "the peace pro-cess in Afghanistan." in text.plain  # a word broken over a line
    assert text.lowered == f" {text.plain.lower()} "
    assert check.every_text_lowered == f"{text.lowered} {check.text(ISSI).lowered}"


def test_the_checker_marks_gaps_so_no_quotation_runs_across_one() -> None:
    gapped = make_source(
        "kabul", KABUL_TEXT, SourceDate(2017), gaps=(TextGap("start peace talks"),)
    )
    check = Checker(library(sources=(gapped, ISSI)), Problems())
    assert check.mismatch("start peace talks", gapped) is None
    mismatch = check.mismatch("start peace talks with the Afghan Government", gapped)
    assert mismatch is not None and mismatch.kind == "gap"


def test_the_checker_finds_terms_as_words() -> None:
    check = Checker(library(), Problems())
    assert check.uses_term("Islamic  State", KABUL)
    assert check.uses_term("IS", KABUL)
    assert check.uses_term("is", ISSI)
    assert not check.uses_term("IS", ISSI)  # an abbreviation must match in case
    assert not check.uses_term("Afghan Governments", KABUL)


def test_an_unknown_name_is_reported_with_the_closest_known_one() -> None:
    problems = Problems()
    check = Checker(library(), problems)
    check.add_unknown(at(QUOTES, 2), "'kabull' is unknown.", "kabull", ["kabul", "issi"], "Fix.")
    check.add_unknown(at(QUOTES, 3), "'zzz' is unknown.", "zzz", ["kabul", "issi"], "Fix.")
    assert problems == [
        Problem(at(QUOTES, 2), "'kabull' is unknown. Did you mean 'kabul'?", "Fix."),
        Problem(at(QUOTES, 3), "'zzz' is unknown.", "Fix."),
    ]


# Source texts and quotations -----------------------------------------------------------


def test_source_texts_that_are_good_pass() -> None:
    with_gap = make_source(
        "kabul", KABUL_TEXT, SourceDate(2017), gaps=(TextGap("a stable region"),)
    )
    assert found(check_source_texts, library(sources=(with_gap, ISSI))) == []


def test_a_gap_passage_must_occur_exactly_once() -> None:
    gaps = (TextGap("not in the text"), TextGap("stable"), TextGap("the peace"))
    source = make_source("kabul", KABUL_TEXT, SourceDate(2017), gaps=gaps)
    hint = "Copy a passage that occurs exactly once, just before the missing words."
    assert found(check_source_texts, library(sources=(source,))) == [
        Problem(
            source.location, 'the gap passage "not in the text" does not occur in kabul.txt.', hint
        ),
        Problem(source.location, 'the gap passage "stable" occurs 2 times in kabul.txt.', hint),
    ]


def test_an_empty_source_text_is_reported() -> None:
    empty = make_source("kabul", " \n", SourceDate(2017))
    assert found(check_source_texts, library(sources=(empty,))) == [
        Problem(
            empty.location,
            "kabul.txt is empty, so no quotation can be checked against it.",
            "Paste the full text of the source into it.",
        )
    ]


def test_quotations_word_for_word_pass() -> None:
    assert found(check_quotations, library()) == []


def test_a_quotation_of_an_unknown_source_is_reported() -> None:
    stray = Quotation("stray", "kabull", "A stable Afghanistan", "point 1", at(QUOTES, 11))
    unread = Quotation("unread", "lost", "Anything", "p. 1", at(QUOTES, 16))
    content = library(quotations=(stray, unread), unreadable=frozenset({"lost"}))
    assert found(check_quotations, content) == [
        Problem(
            at(QUOTES, 11),
            "quotation 'stray' names source 'kabull', which does not exist. Did you mean 'kabul'?",
            SOURCES_HINT,
        )
    ]


def test_a_quotation_not_word_for_word_is_reported() -> None:
    changed = Quotation(
        "kabul-calm", "kabul", "A stable Afghanistan enables a calm region", "1", at(QUOTES, 21)
    )
    assert found(check_quotations, library(quotations=(changed,))) == [
        Problem(
            at(QUOTES, 21),
            "quotation 'kabul-calm' is not word for word in source 'kabul': at word 6 the "
            'quotation has "calm" where the source has "stable". The source reads: '
            '"A stable Afghanistan enables a stable region."',
            "Copy the passage exactly from kabul.txt; mark cuts with ... "
            "and your own words in [square brackets].",
        )
    ]


def test_a_quoted_phrase_in_any_of_the_sources_passes() -> None:
    phrase = markup.QuotedPhrase("a powerful signal of solidarity", 20)
    assert found(check_quoted_phrase, library(), phrase, at(BRIEF, 20), [KABUL, ISSI]) == []


def test_a_quoted_phrase_names_the_nearest_passage() -> None:
    phrase = markup.QuotedPhrase("a powerful sign of solidarity", 20)
    assert found(check_quoted_phrase, library(), phrase, at(BRIEF, 20), [KABUL, ISSI]) == [
        Problem(
            at(BRIEF, 20),
            '"a powerful sign of solidarity" is in quotation marks but is not word for word in '
            "the sources this brief cites; the nearest passage is in 'issi': at word 3 the "
            'quotation has "sign" where the source has "signal". The source reads: '
            '"a powerful signal of solidarity."',
            PHRASE_HINT,
        )
    ]


def test_a_quoted_phrase_like_nothing_in_the_sources_says_whose_sources() -> None:
    phrase = markup.QuotedPhrase("entirely different words here", 4)
    problems = found(
        check_quoted_phrase, library(), phrase, at(NOTES, 4), [KABUL], "this note is about"
    )
    assert problems == [
        Problem(
            at(NOTES, 4),
            '"entirely different words here" is in quotation marks but is not word for word in '
            "the sources this note is about.",
            PHRASE_HINT,
        )
    ]


def test_a_quoted_phrase_in_a_project_with_no_sources_is_reported() -> None:
    phrase = markup.QuotedPhrase("words from nowhere", 20)
    problems = found(check_quoted_phrase, library(sources=()), phrase, at(BRIEF, 20), [])
    assert problems == [
        Problem(
            at(BRIEF, 20),
            '"words from nowhere" is in quotation marks but is not word for word in the sources '
            "this brief cites.",
            PHRASE_HINT,
        )
    ]


def test_our_own_words_pass() -> None:
    ours = "The meeting asked every armed group to lay down arms and talk with the government."
    theirs = Checker(library(), Problems()).text(KABUL).lowered
    assert found(check_own_words, library(), ours, "the summary", theirs, at(NOTES, 3)) == []


def test_ten_words_copied_in_a_row_are_reported_once() -> None:
    copied = f"They {TEN_KABUL_WORDS.upper()} start peace talks with the Afghan Government."
    theirs = Checker(library(), Problems()).text(KABUL).lowered
    assert found(check_own_words, library(), copied, "the summary", theirs, at(NOTES, 3)) == [
        Problem(
            at(NOTES, 3),
            f'the summary copies 10 or more words in a row from the source: "{TEN_KABUL_WORDS}".',
            COPIED_HINT,
        )
    ]


# References: briefs, notes, quotations, sources and packs ------------------------------


def test_a_good_brief_passes() -> None:
    body = (
        'The talks[^talks] were "a powerful signal of solidarity".[@issi]\n\n'
        "{{< quote kabul-stable >}}\n\n[^talks]: In our words.\n"
    )
    assert found(check_brief, library(), brief(body)) == []


def test_a_brief_quoting_words_its_sources_lack_is_reported() -> None:
    content = library()
    body = 'They said "A stable Afghanistan enables a calm region".'
    assert found(check_brief, content, brief(body)) == [
        Problem(
            at(BRIEF, 14),
            '"A stable Afghanistan enables a calm region" is in quotation marks but is not word '
            "for word in the sources this brief cites; the nearest passage is in 'kabul': at word "
            '6 the quotation has "calm" where the source has "stable". The source reads: '
            '"A stable Afghanistan enables a stable region."',
            PHRASE_HINT,
        )
    ]
    unread = library(unreadable=frozenset({"lost"}))
    assert found(check_brief, unread, brief(body, lead="A lead.[@lost]")) == []


def test_a_brief_quotes_from_the_sources_it_cites_else_from_all() -> None:
    content = library()
    cite = markup.Reference("cite", "issi", 3)
    quote = markup.Reference("quote", "kabul-stable", 4)
    note = markup.Reference("note", "talks", 5)
    check = Checker(content, Problems())
    assert cited_sources(check, [cite]) == [ISSI]
    assert cited_sources(check, [quote, cite, quote]) == [KABUL, ISSI]
    assert cited_sources(check, [note]) == [KABUL, ISSI]
    lost = Checker(library(unreadable=frozenset({"lost"})), Problems())
    assert cited_sources(lost, [cite, markup.Reference("cite", "lost", 6)]) is None


def test_references_that_resolve_pass() -> None:
    prose = Prose("Said so.[@kabul] {{< quote issi-trade >}} [@kabul-stable]", at(BRIEF, 14))
    assert found(check_prose_references, library(), prose, markup.parse(prose)) == []


def test_references_that_resolve_nowhere_are_reported() -> None:
    prose = Prose("", at(BRIEF, 14))
    parsed = markup.ParsedProse(
        tokens=[],
        references=[
            markup.Reference("quote", "kabul-stabel", 15),
            markup.Reference("cite", "isi", 16),
            markup.Reference("cite", "lost", 17),
            markup.Reference("note", "nowhere", 18),  # notes are check_notes' business
        ],
        malformed=[markup.Malformed(14, "[@ kabul]", "this is not a citation", "Write [@id].")],
    )
    content = library(unreadable=frozenset({"lost"}))
    assert found(check_prose_references, content, prose, parsed) == [
        Problem(at(BRIEF, 14), "this is not a citation: [@ kabul]", "Write [@id]."),
        Problem(
            at(BRIEF, 15),
            "{{< quote kabul-stabel >}} names no quotation. Did you mean 'kabul-stable'?",
            "Quotation ids are the `id:` lines in content/quotations/.",
        ),
        Problem(
            at(BRIEF, 16),
            "[@isi] cites no source or quotation. Did you mean 'issi'?",
            "Cite a source id (a file name in content/sources/) or a quotation id.",
        ),
    ]


def test_unknown_quotation_ids_are_not_reported_when_a_quotations_file_was_unreadable() -> None:
    prose = Prose("{{< quote maybe >}} and [@maybe]", at(BRIEF, 14))
    content = library(quotations_complete=False)
    assert found(check_prose_references, content, prose, markup.parse(prose)) == []


def test_notes_written_out_and_used_once_pass() -> None:
    prose = Prose("One.[^a] Two.[^b]\n\n[^a]: First.\n\n[^b]: Second.\n", at(BRIEF, 14))
    parsed = [markup.parse(prose)]
    assert found(check_notes, library(), brief(prose.text), parsed) == []


def test_notes_missing_repeated_or_unused_are_reported() -> None:
    text = "One.[^a] Two.[^gone]\n\nThree.[^a]\n\n[^a]: Defined.\n\n[^spare]: Unused.\n"
    prose = Prose(text, at(BRIEF, 14))
    parsed = [markup.parse(prose)]
    assert found(check_notes, library(), brief(prose.text), parsed) == [
        Problem(
            at(BRIEF, 14),
            "[^gone] points to a note that is not written out.",
            "Add a paragraph `[^gone]: the text of the note` to the brief, "
            "or remove the reference.",
        ),
        Problem(
            at(BRIEF, 16),
            "[^a] is referenced twice (first at line 14); a note belongs to one place.",
            "Write a second note, or cite the source again with [@id].",
        ),
        Problem(
            at(BRIEF, 20),
            "note [^spare] is written out but never referenced.",
            "Put [^spare] in the text where the note belongs, or delete the note.",
        ),
    ]


def test_a_quotation_reference_that_resolves_passes() -> None:
    content = library(unreadable=frozenset({"lost"}))
    assert found(check_quote, content, "kabul-stable", "a key point", at(GLOSSARY, 2)) == []
    assert found(check_quote, content, "lost", "a key point", at(GLOSSARY, 2), "kabul") == []
    assert found(check_quote, content, "kabul-stable", "x", at(GLOSSARY, 2), "kabul") == []


def test_a_quotation_reference_to_nothing_or_another_source_is_reported() -> None:
    content = library()
    assert found(check_quote, content, "kabul-stabel", "a key point", at(GLOSSARY, 2)) == [
        Problem(
            at(GLOSSARY, 2),
            "a key point cites quotation 'kabul-stabel', which does not exist. "
            "Did you mean 'kabul-stable'?",
            QUOTES_HINT,
        )
    ]
    assert found(check_quote, content, "issi-trade", "a key point", at(GLOSSARY, 2), "kabul") == [
        Problem(
            at(GLOSSARY, 2),
            "a key point cites quotation 'issi-trade', which is from 'issi', not from 'kabul'.",
            "Choose a quotation of 'kabul' (`briefgen list quotes`).",
        )
    ]
    incomplete = library(quotations_complete=False)
    assert found(check_quote, incomplete, "unknown", "a key point", at(GLOSSARY, 2)) == []


def test_a_source_id_resolves_or_is_reported_once() -> None:
    content = library(unreadable=frozenset({"lost"}))
    check = Checker(content, Problems())
    assert check_source_id(check, "kabul", "the comparison", at(COMPARISON, 1))
    assert not check_source_id(check, "lost", "the comparison", at(COMPARISON, 1))
    assert not check_source_id(check, "kabl", "the comparison", at(COMPARISON, 1))
    assert check.problems == [
        Problem(
            at(COMPARISON, 1),
            "the comparison names source 'kabl', which does not exist. Did you mean 'kabul'?",
            SOURCES_HINT,
        )
    ]


def pack(briefs: tuple[str, ...], handouts: tuple[str, ...] | None = None) -> Pack:
    return Pack("term-1", "Term 1", briefs, ("pdf",), at(CONFIG, 7), handouts=handouts)


def test_a_pack_of_existing_briefs_and_sources_passes() -> None:
    content = library(briefs=(brief("Body."),))
    assert found(check_pack, content, pack(("ceasefire",), ("kabul", "issi"))) == []
    assert found(check_pack, library(unreadable=frozenset({"lost"})), pack(("lost",))) == []


def test_a_pack_of_missing_briefs_and_sources_is_reported() -> None:
    content = library(briefs=(brief("Body."),))
    assert found(check_pack, content, pack(("ceasfire", "zzz"), ("kabull",))) == [
        Problem(
            at(CONFIG, 7),
            "pack 'term-1' `handouts` names source 'kabull', which does not exist. "
            "Did you mean 'kabul'?",
            SOURCES_HINT,
        ),
        Problem(
            at(CONFIG, 7),
            "pack 'term-1' lists brief 'ceasfire', which does not exist. Did you mean 'ceasefire'?",
            "Briefs are the .md files in content/briefs/; use a file name without .md.",
        ),
        Problem(
            at(CONFIG, 7),
            "pack 'term-1' lists brief 'zzz', which does not exist.",
            "Briefs are the .md files in content/briefs/; use a file name without .md.",
        ),
    ]


# Teaching material: source guides ------------------------------------------------------

OUR_SUMMARY = "In our own words the chairman reports a meeting that called for a ceasefire."
SUMMARY = at("content/sources/kabul.yaml", 11)


def points(count: int, quotes: tuple[str, ...] = ("kabul-stable",)) -> tuple[KeyPoint, ...]:
    return tuple(
        KeyPoint(f"Point {i} in our words.", quotes, at("content/sources/kabul.yaml", 20 + i))
        for i in range(count)
    )


def guided(**fields: Any) -> Source:
    return make_source("kabul", KABUL_TEXT, SourceDate(2017, 6, 6), **fields)


def test_a_good_source_guide_passes() -> None:
    source = guided(
        summary=Prose(" ".join([OUR_SUMMARY] * 12), SUMMARY),
        key_points=points(5),
        handout_quotes=("kabul-stable",) * 3,
    )
    assert found(check_source_guide, library(sources=(source, ISSI)), source) == []


def test_a_summary_of_the_wrong_length_is_reported() -> None:
    short = guided(summary=Prose(OUR_SUMMARY, SUMMARY))
    long = guided(summary=Prose("word " * 301, SUMMARY))
    problem = "the summary of source 'kabul' has {} words; it should have 150 to 300."
    assert found(check_source_guide, library(sources=(short,)), short) == [
        Problem(SUMMARY, problem.format(14), "Say more: who, what, why.")
    ]
    assert found(check_source_guide, library(sources=(long,)), long) == [
        Problem(SUMMARY, problem.format(301), "Shorten it to the essentials.")
    ]


def test_a_summary_or_key_point_copied_from_the_source_is_reported() -> None:
    copied = f"{OUR_SUMMARY} It {TEN_KABUL_WORDS} start. " + " ".join([OUR_SUMMARY] * 11)
    key_points = (KeyPoint(f"They {TEN_KABUL_WORDS} talk.", (), at("kabul.yaml", 30)),) * 5
    source = guided(summary=Prose(copied, SUMMARY), key_points=key_points)
    run = f'copies 10 or more words in a row from the source: "{TEN_KABUL_WORDS}".'
    assert found(check_source_guide, library(sources=(source,)), source) == [
        Problem(SUMMARY, f"the summary of source 'kabul' {run}", COPIED_HINT),
        *[Problem(at("kabul.yaml", 30), f"a key point of source 'kabul' {run}", COPIED_HINT)] * 5,
    ]


def test_too_few_or_too_many_key_points_are_reported() -> None:
    few, many = guided(key_points=points(1)), guided(key_points=points(9))
    assert found(check_source_guide, library(sources=(few,)), few) == [
        Problem(
            at("content/sources/kabul.yaml", 20),
            "source 'kabul' has 1 key point; it should have 5 to 8.",
            "Add the points a reader must know.",
        )
    ]
    assert found(check_source_guide, library(sources=(many,)), many) == [
        Problem(
            at("content/sources/kabul.yaml", 20),
            "source 'kabul' has 9 key points; it should have 5 to 8.",
            "Merge minor points.",
        )
    ]


def test_a_key_point_citing_another_sources_quotation_is_reported() -> None:
    source = guided(key_points=points(5, ("issi-trade",))[:1] + points(4)[1:] + points(1))
    assert found(check_source_guide, library(sources=(source, ISSI)), source) == [
        Problem(
            at("content/sources/kabul.yaml", 20),
            "a key point of source 'kabul' cites quotation 'issi-trade', which is from 'issi', "
            "not from 'kabul'.",
            "Choose a quotation of 'kabul' (`briefgen list quotes`).",
        )
    ]


def test_handout_quotes_of_the_wrong_number_or_source_are_reported() -> None:
    source = guided(handout_quotes=("kabul-stable", "issi-trade"))
    assert found(check_source_guide, library(sources=(source, ISSI)), source) == [
        Problem(
            source.location,
            "source 'kabul' lists 2 `handout_quotes`; a handout shows 3 to 5.",
            "Pick the passages a class most needs to read.",
        ),
        Problem(
            source.location,
            "the handout of source 'kabul' cites quotation 'issi-trade', which is from 'issi', "
            "not from 'kabul'.",
            "Choose a quotation of 'kabul' (`briefgen list quotes`).",
        ),
    ]


# Teaching material: glossary, timeline, comparison, questions, notes -------------------


def term(name: str, *source_ids: str, line: int = 1, **fields: Any) -> GlossaryEntry:
    return GlossaryEntry(name, "Our definition.", source_ids, at(GLOSSARY, line), **fields)


def test_a_good_glossary_passes() -> None:
    entries = (
        term("IS", "kabul", expansion="Islamic State"),
        term("Peace talks", "kabul", quote_id="kabul-stable"),
        term("Seminars", "issi", line=9, also=("seminar",)),
    )
    assert found(check_glossary, library(teaching=Teaching(glossary=entries))) == []


def test_a_term_defined_twice_is_reported() -> None:
    entries = (term("Ceasefire", "issi"), term("ceasefire", "issi", line=5))
    assert found(check_glossary, library(teaching=Teaching(glossary=entries))) == [
        Problem(
            at(GLOSSARY, 5),
            f"glossary term 'ceasefire' is already defined at {at(GLOSSARY, 1)}.",
            "Merge the two definitions.",
        )
    ]


def test_a_term_its_sources_do_not_use_is_reported() -> None:
    entries = (term("Truce", "kabul", also=("armistice",)), term("Seminar", "isi", line=4))
    assert found(check_glossary, library(teaching=Teaching(glossary=entries))) == [
        Problem(
            at(GLOSSARY, 1),
            "glossary term 'Truce': 'Truce' or 'armistice' does not occur in kabul.txt, "
            "yet `sources` lists 'kabul'.",
            "List only the sources that use the term; add the form they use to `also`.",
        ),
        Problem(
            at(GLOSSARY, 4),
            "glossary term 'Seminar' names source 'isi', which does not exist. "
            "Did you mean 'issi'?",
            SOURCES_HINT,
        ),
    ]


def test_a_terms_quotation_must_exist() -> None:
    entries = (term("Ceasefire", "issi", quote_id="issi-trad"),)
    assert found(check_glossary, library(teaching=Teaching(glossary=entries))) == [
        Problem(
            at(GLOSSARY, 1),
            "glossary term 'Ceasefire' cites quotation 'issi-trad', which does not exist. "
            "Did you mean 'issi-trade'?",
            QUOTES_HINT,
        )
    ]


def test_later_compares_only_the_parts_both_dates_state() -> None:
    assert later(SourceDate(2018), SourceDate(2017, 12, 31))
    assert later(SourceDate(2017, 6, 7), SourceDate(2017, 6, 6))
    assert not later(SourceDate(2017, 6), SourceDate(2017))
    assert not later(SourceDate(2017), SourceDate(2017, 6))
    assert not later(SourceDate(2017, 6, 6), SourceDate(2017, 6, 6))
    assert not later(SourceDate(2016, 12), SourceDate(2017, 1))


def event(
    date: SourceDate, line: int, source_id: str | None = "kabul", **fields: Any
) -> TimelineEntry:
    return TimelineEntry(date, "Something happened.", at(TIMELINE, line), source_id, **fields)


def test_a_timeline_in_order_passes() -> None:
    entries = (
        event(SourceDate(2017, 3), 1, "issi", quote_id="issi-trade"),
        event(SourceDate(2017, 6), 4, None, context="A newspaper."),
        event(SourceDate(2017, 6, 6), 7),
    )
    assert found(check_timeline, library(teaching=Teaching(timeline=entries))) == []


def test_a_timeline_out_of_order_or_later_than_its_source_is_reported() -> None:
    entries = (
        event(SourceDate(2017, 6, 6), 1),
        event(SourceDate(2017, 5), 4, "issi", quote_id="kabul-stable"),
        event(SourceDate(2018), 7),
    )
    assert found(check_timeline, library(teaching=Teaching(timeline=entries))) == [
        Problem(
            at(TIMELINE, 4),
            f"the timeline entry of 2017-05 comes after one of 2017-06-06 ({at(TIMELINE, 1)}).",
            "Keep the timeline in date order, earliest first.",
        ),
        Problem(
            at(TIMELINE, 4),
            "the timeline entry of 2017-05 is later than its source 'issi' (2017-03), "
            "which cannot report it as done.",
            LATER_HINT,
        ),
        Problem(
            at(TIMELINE, 4),
            "the timeline entry of 2017-05 cites quotation 'kabul-stable', which is from "
            "'kabul', not from 'issi'.",
            "Choose a quotation of 'issi' (`briefgen list quotes`).",
        ),
        Problem(
            at(TIMELINE, 7),
            "the timeline entry of 2018 is later than its source 'kabul' (2017-06-06), "
            "which cannot report it as done.",
            LATER_HINT,
        ),
    ]


def cell(quote_id: str, line: int) -> ComparisonCell:
    return ComparisonCell("What it says.", quote_id, at(COMPARISON, line))


def comparison(*rows: ComparisonRow, source_ids: tuple[str, ...] = ("kabul", "issi")) -> Teaching:
    return Teaching(comparison=Comparison("Side by side", source_ids, rows, at(COMPARISON, 1)))


def test_a_good_comparison_passes() -> None:
    row = ComparisonRow(
        "Peace",
        {"kabul": cell("kabul-stable", 5), "issi": cell("issi-trade", 6)},
        at(COMPARISON, 4),
    )
    assert found(check_comparison, library(teaching=comparison(row))) == []
    assert found(check_comparison, library()) == []


def test_comparison_rows_repeated_short_or_with_strangers_are_reported() -> None:
    first = ComparisonRow(
        "Peace",
        {"kabul": cell("kabul-stable", 5), "issi": cell("issi-trade", 6)},
        at(COMPARISON, 4),
    )
    again = ComparisonRow(
        "peace", {"kabul": cell("issi-trade", 9), "other": cell("x", 10)}, at(COMPARISON, 8)
    )
    assert found(check_comparison, library(teaching=comparison(first, again))) == [
        Problem(at(COMPARISON, 8), f"comparison row 'peace' is already at {at(COMPARISON, 4)}."),
        Problem(
            at(COMPARISON, 8),
            "comparison row 'peace' has no cell for 'issi'.",
            "Add `issi: {text: ..., quote: ...}` under `cells`; where the source is silent, "
            "say so and quote what it does say.",
        ),
        Problem(
            at(COMPARISON, 9),
            "the 'kabul' cell of comparison row 'peace' cites quotation 'issi-trade', which is "
            "from 'issi', not from 'kabul'.",
            "Choose a quotation of 'kabul' (`briefgen list quotes`).",
        ),
        Problem(
            at(COMPARISON, 10),
            "comparison row 'peace' has a cell for 'other', which is not one of the "
            "comparison's `sources`.",
            "The columns are: kabul, issi.",
        ),
    ]


def test_a_comparison_of_an_unknown_source_does_not_check_its_cells() -> None:
    row = ComparisonRow("Peace", {"kabul": cell("x", 5), "kbl": cell("y", 6)}, at(COMPARISON, 4))
    content = library(teaching=comparison(row, source_ids=("kabul", "kbl")))
    assert found(check_comparison, content) == [
        Problem(
            at(COMPARISON, 1),
            "the comparison names source 'kbl', which does not exist. Did you mean 'kabul'?",
            SOURCES_HINT,
        ),
        Problem(
            at(COMPARISON, 5),
            "the 'kabul' cell of comparison row 'Peace' cites quotation 'x', which does not exist.",
            QUOTES_HINT,
        ),
    ]


def question(question_id: str, line: int, *quotes: str) -> Question:
    return Question(question_id, "analysis", "Why?", "Because.", quotes, at(QUESTIONS, line))


def exercise(exercise_id: str, source_id: str, passage: str, line: int) -> Exercise:
    return Exercise(
        exercise_id,
        source_id,
        "Read closely",
        passage,
        ("Say why.",),
        "Hints.",
        at(QUESTIONS, line),
    )


def test_good_questions_and_exercises_pass() -> None:
    teaching = Teaching(
        questions=(question("why", 1, "kabul-stable", "issi-trade"),),
        exercises=(exercise("close-reading", "issi", "issi-trade", 5),),
    )
    assert found(check_questions, library(teaching=teaching)) == []


def test_questions_and_exercises_sharing_ids_or_misquoting_are_reported() -> None:
    teaching = Teaching(
        questions=(question("why", 1), question("why", 3, "kabul-stabel")),
        exercises=(exercise("why", "kabul", "issi-trade", 5), exercise("how", "kbl", "x", 9)),
    )
    assert found(check_questions, library(teaching=teaching)) == [
        Problem(
            at(QUESTIONS, 3),
            f"question id 'why' is already used at {at(QUESTIONS, 1)}.",
            "Give each question its own id.",
        ),
        Problem(
            at(QUESTIONS, 3),
            "question 'why' cites quotation 'kabul-stabel', which does not exist. "
            "Did you mean 'kabul-stable'?",
            QUOTES_HINT,
        ),
        Problem(
            at(QUESTIONS, 5),
            f"exercise id 'why' is already used at {at(QUESTIONS, 1)}.",
            "Give each exercise its own id.",
        ),
        Problem(
            at(QUESTIONS, 5),
            "exercise 'why' cites quotation 'issi-trade', which is from 'issi', not from 'kabul'.",
            "Choose a quotation of 'kabul' (`briefgen list quotes`).",
        ),
        Problem(
            at(QUESTIONS, 9),
            "exercise 'how' names source 'kbl', which does not exist. Did you mean 'kabul'?",
            SOURCES_HINT,
        ),
    ]


def note(
    note_id: str,
    text: str,
    line: int,
    source_ids: tuple[str, ...] = (),
    quotes: tuple[str, ...] = (),
) -> TeachingNote:
    return TeachingNote(
        note_id, "A note", Prose(text, at(NOTES, line + 1)), at(NOTES, line), source_ids, quotes
    )


def test_good_teaching_notes_pass() -> None:
    notes = (
        note("opening", 'Read "a stable region" aloud.', 1, ("kabul",), ("kabul-stable",)),
        # about no source in particular: its quoted words may come from any
        note("closing", 'Ask why "trade and transit" matter.', 5, quotes=("issi-trade",)),
    )
    assert found(check_teaching_notes, library(teaching=Teaching(notes=notes))) == []


def test_teaching_notes_repeated_copied_or_misquoting_are_reported() -> None:
    notes = (
        note("opening", "Our own words.", 1, quotes=("kabul-stabel",)),
        note("opening", f"Say they {TEN_KABUL_WORDS} start.", 5, ("kbl",)),
        note("third", 'Read "trade and transit" aloud.', 9, ("kabul",)),
        note("fourth", 'Read "something unchecked" aloud.', 13, ("kabul", "lost")),
    )
    content = library(teaching=Teaching(notes=notes), unreadable=frozenset({"lost"}))
    assert found(check_teaching_notes, content) == [
        Problem(
            at(NOTES, 1),
            "teaching note 'opening' cites quotation 'kabul-stabel', which does not exist. "
            "Did you mean 'kabul-stable'?",
            QUOTES_HINT,
        ),
        Problem(
            at(NOTES, 5),
            f"teaching note 'opening': the id is already used at {at(NOTES, 1)}.",
            "Give each teaching note its own id.",
        ),
        Problem(
            at(NOTES, 5),
            "teaching note 'opening' names source 'kbl', which does not exist. "
            "Did you mean 'kabul'?",
            SOURCES_HINT,
        ),
        Problem(
            at(NOTES, 6),
            "teaching note 'opening' copies 10 or more words in a row from the source: "
            f'"{TEN_KABUL_WORDS}".',
            COPIED_HINT,
        ),
        Problem(
            at(NOTES, 10),
            '"trade and transit" is in quotation marks but is not word for word in the sources '
            "this note is about.",
            PHRASE_HINT,
        ),
    ]


# The whole check -----------------------------------------------------------------------


def test_a_good_project_passes() -> None:
    body = 'They hoped "trade and transit would follow".[@issi]\n'
    content = library(briefs=(brief(body),))
    config = Config(Path("."), Path(CONFIG), Issuer("A school"), {"t": pack(("ceasefire",))})
    problems = Problems()
    check_project(Project(config, content), problems)
    assert problems == []


def test_the_project_check_reports_in_pipeline_order() -> None:
    """Sources, quotations, source guides, teaching material, briefs, then packs: the order
    problems at one place are listed in."""
    empty = make_source("empty", "", SourceDate(2017), key_points=points(1, ()))
    stray = Quotation("stray", "nowhere", "Words.", "p. 1", at(QUOTES, 11))
    teaching = Teaching(
        glossary=(term("Truce", "kabul"),),
        timeline=(event(SourceDate(2020), 1),),
        comparison=Comparison("Side by side", ("kbl",), (), at(COMPARISON, 1)),
        questions=(question("why", 1, "nothing"),),
        notes=(note("opening", "Ours.", 1, ("kbl",)),),
    )
    content = library(
        sources=(KABUL, empty),
        quotations=(stray,),
        briefs=(brief("[@nothing]"),),
        teaching=teaching,
    )
    config = Config(Path("."), Path(CONFIG), Issuer("A school"), {"t": pack(("absent",))})
    problems = Problems()
    check_project(Project(config, content), problems)
    assert [problem.message.split(",")[0].split(":")[0] for problem in problems] == [
        "empty.txt is empty",
        "quotation 'stray' names source 'nowhere'",
        "source 'empty' has 1 key point; it should have 5 to 8.",
        "glossary term 'Truce'",
        "the timeline entry of 2020 is later than its source 'kabul' (2017-06-06)",
        "the comparison names source 'kbl'",
        "question 'why' cites quotation 'nothing'",
        "teaching note 'opening' names source 'kbl'",
        "[@nothing] cites no source or quotation.",
        "pack 'term-1' lists brief 'absent'",
    ]


def test_a_short_definition_longer_than_a_printed_line_or_two_is_reported() -> None:
    short = "A word " * 10 + "and one more."  # 23 words
    entries = (
        term("Ceasefire", "issi", short="An agreement to stop fighting."),
        term("Truce", "kabul", line=4, short=short),
    )
    assert found(check_glossary, library(teaching=Teaching(glossary=entries)))[:1] == [
        Problem(
            at(GLOSSARY, 4),
            "the `short` definition of glossary term 'Truce' has 23 words; it should have at "
            "most 20.",
            "Keep one sentence: what the term means. The handout's web page and the companion "
            "give the whole definition.",
        )
    ]
