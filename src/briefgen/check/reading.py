"""How hard each text a student reads is to read: the Flesch-Kincaid grade and the mean
sentence length, measured with textstat (its syllable counts come from pyphen's
dictionaries, which ship with it: nothing is downloaded).

A text shorter than MIN_WORDS is not measured: a title or a four-word gloss has too few
sentences for a grade to mean anything. The brief is measured section by section.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from briefgen.load import markdown as markup
from briefgen.load.sections import plain_words, sections
from briefgen.model import Library, Location, Prose, ReadingLevel
from briefgen.places import keep, private_folder, user_cache_dir

MIN_WORDS = 12
StudentText = tuple[str, str, Location, bool]  # what it is, its words, where, in a brief
Measurement = tuple[int, int, float]  # words, sentences (at least 1), Flesch-Kincaid grade
# a new name whenever the measuring changes (textstat is pinned in pyproject.toml)
CACHE_NAME = "reading-levels-textstat-0.7.3.json"
MAX_CACHED = 20_000  # texts: a few classes' projects
MAX_CACHE_BYTES = 4_000_000


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
    texts = list(student_texts(library))
    measured = measurements([text for _, text, _, _ in texts])
    found = []
    for (what, _text, location, in_brief), (words, sentences, grade) in zip(
        texts, measured, strict=True
    ):
        if words < MIN_WORDS:
            continue
        found.append(Reading(what, location, grade, words / sentences, words, in_brief))
    return sorted(found, key=lambda reading: -reading.grade)


def measurements(texts: list[str]) -> list[Measurement]:
    """Each text's words, sentences and grade: kept in the user cache by the text's
    digest, as textstat takes a quarter of a second to load and the texts rarely change."""
    path = _cache_path()
    known = _read_cache(path)
    keys = [hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] for text in texts]
    missing = [(key, text) for key, text in zip(keys, texts, strict=True) if key not in known]
    if missing:
        import textstat  # only now: loading its hyphenation dictionaries takes time

        for key, text in missing:
            sentences = max(1, textstat.sentence_count(text))
            grade = float(textstat.flesch_kincaid_grade(text))
            known[key] = (textstat.lexicon_count(text), sentences, grade)
        _write_cache(path, known)
    return [known[key] for key in keys]


def _cache_path() -> Path | None:
    folder = private_folder(user_cache_dir())
    return folder / CACHE_NAME if folder is not None else None


def _read_cache(path: Path | None) -> dict[str, Measurement]:
    """The kept measurements; none if the file is missing, unreadable or not ours."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_bytes()[:MAX_CACHE_BYTES])
        return {
            str(key): (int(words), int(sentences), float(grade))
            for key, (words, sentences, grade) in data.items()
        }
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _write_cache(path: Path | None, known: dict[str, Measurement]) -> None:
    """Keep the measurements (the latest MAX_CACHED); a cache that cannot be written only
    costs time."""
    if path is None:
        return
    kept = dict(list(known.items())[-MAX_CACHED:])
    keep(path, json.dumps(kept).encode("utf-8"))


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
