"""How hard each text a student reads is to read: the Flesch-Kincaid grade and the mean
sentence length, measured with textstat (its syllable counts come from pyphen's
dictionaries, which ship with it: nothing is downloaded).

A text shorter than MIN_WORDS is not measured: a title or a four-word gloss has too few
sentences for a grade to mean anything. The brief is measured section by section.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from briefgen.load import markdown as markup
from briefgen.load.sections import plain_words, sections
from briefgen.model import Library, Location, Prose, ReadingLevel

MIN_WORDS = 12
StudentText = tuple[str, str, Location, bool]  # what it is, its words, where, in a brief


@dataclass(frozen=True)
class Reading:
    """One text as a student meets it, and how hard it is to read."""

    what: str  # "the summary of source 'kabul-2017'"
    location: Location
    grade: float  # Flesch-Kincaid: the US school grade a reader needs
    words_per_sentence: float
    words: int
    in_brief: bool = False  # a brief's lead or section, which may have a level of its own


def readings(library: Library) -> list[Reading]:
    """Every text a student reads, measured, hardest first."""
    import textstat  # only when asked: loading its hyphenation dictionaries takes time

    found = []
    for what, text, location, in_brief in student_texts(library):
        words = textstat.lexicon_count(text)
        if words < MIN_WORDS:
            continue
        sentences = max(1, textstat.sentence_count(text))
        grade = float(textstat.flesch_kincaid_grade(text))
        found.append(Reading(what, location, grade, words / sentences, words, in_brief))
    return sorted(found, key=lambda reading: -reading.grade)


def above_level(library: Library, level: ReadingLevel) -> list[str]:
    """Warnings for the texts a student reads above ``level``, each with file and line."""
    return [
        f"{reading.location}: {reading.what} reads at grade {reading.grade:.1f} "
        f"({reading.words_per_sentence:.0f} words a sentence), above the reading_level of "
        f"{level.for_text(reading.in_brief):g}. Shorter sentences and plainer words bring it "
        "down."
        for reading in readings(library)
        if reading.grade > level.for_text(reading.in_brief)
    ]


def student_texts(library: Library) -> Iterator[StudentText]:
    """Each text of ours a student edition shows: what it is, its words, where it is."""
    for source in library.sources.values():
        named = f"source '{source.id}'"
        if source.summary is not None:
            yield f"the summary of {named}", source.summary.text, source.summary.location, False
        for number, point in enumerate(source.key_points, start=1):
            yield f"key point {number} of {named}", point.text, point.location, False
        for field in ("perspective", "audience", "background"):
            if getattr(source, field):
                yield f"the {field} of {named}", getattr(source, field), source.location, False
        for note in source.copy_notes:
            yield f"a note on the copy of {named}", note, source.location, False
    for quotation in library.quotations.values():
        if quotation.copy_note:
            what = f"the copy note of quotation '{quotation.id}'"
            yield what, quotation.copy_note, quotation.location, False
    teaching = library.teaching
    for entry in teaching.glossary:
        for field in ("definition", "short", "context"):
            if getattr(entry, field):
                what = f"the {field} of glossary term '{entry.term}'"
                yield what, getattr(entry, field), entry.location, False
    for event in teaching.timeline:
        yield f"the timeline entry of {event.date.iso()}", event.event, event.location, False
    if teaching.comparison is not None:
        for row in teaching.comparison.rows:
            for source_id, cell in row.cells.items():
                what = f"the comparison cell '{row.aspect}' ({source_id})"
                yield what, cell.text, cell.location, False
    for question in teaching.questions:
        yield f"question '{question.id}'", question.question, question.location, False
    for exercise in teaching.exercises:
        for number, task in enumerate(exercise.tasks, start=1):
            yield f"task {number} of exercise '{exercise.id}'", task, exercise.location, False
    for brief in library.briefs.values():
        yield f"the lead of brief '{brief.id}'", brief.lead.text, brief.lead.location, True
        yield from _brief_sections(brief.id, brief.body)


def _brief_sections(brief_id: str, body: Prose) -> Iterator[StudentText]:
    """Each section of a brief as plain words: citations, notes and quotations left out."""
    parsed = markup.parse(body)
    first_line = body.location.line or 1
    for section in sections(parsed):
        words = []
        for token in parsed.tokens[section.start + 3 : section.end]:
            if token.type == "heading_open":
                break  # a section within it: measured on its own
            if token.type == "inline":
                words += [plain_words(token), " "]  # paragraphs and list items apart
        heading = parsed.tokens[section.start]
        line = first_line + heading.map[0] if heading.map else None
        what = f"the section '{section.heading}' of brief '{brief_id}'"
        yield what, " ".join("".join(words).split()), Location(body.location.path, line), True
