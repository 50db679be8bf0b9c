"""Load the classroom material around the briefs: glossary, timeline, questions, notes.

Each is one optional YAML file in content/ (see content/README.md). Like the loader, this
checks only the shape of each record; whether ids resolve is the checker's job.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from briefgen.errors import Problems
from briefgen.load.fields import ID, read_source_date
from briefgen.load.records import Record, each_record
from briefgen.load.yamlfile import UNREADABLE, read_yaml_file
from briefgen.model import (
    QUESTION_LEVELS,
    TERM_LANGUAGES,
    Comparison,
    ComparisonCell,
    ComparisonRow,
    Exercise,
    GlossaryEntry,
    Location,
    Prose,
    Question,
    Teaching,
    TeachingNote,
    TermForm,
    TimelineEntry,
)

T = TypeVar("T")

GLOSSARY_KEYS = (
    "term", "expansion", "also", "definition", "context", "sources", "quote", "forms",
)  # fmt: skip
# Arabic script as Dari and Pashto write it, with the joiners and marks they use
ARABIC_SCRIPT = re.compile(
    r"^[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF\u200C\u200D ]+$"
)
TIMELINE_KEYS = ("date", "event", "source", "locator", "quote", "context")
COMPARISON_KEYS = ("title", "sources", "rows")
QUESTION_KEYS = ("id", "level", "question", "guidance", "quotes")
EXERCISE_KEYS = ("id", "source", "title", "passage", "tasks", "guidance", "quotes")
NOTE_KEYS = ("id", "title", "sources", "quotes", "text")


def load_teaching(content: Path, problems: Problems) -> Teaching:
    """Read whichever of the teaching files exist; a missing file means none of that kind."""
    return Teaching(
        glossary=tuple(_each(content / "glossary.yaml", "a glossary entry", _entry, problems)),
        timeline=tuple(_each(content / "timeline.yaml", "a timeline entry", _event, problems)),
        comparison=_load_comparison(content / "comparison.yaml", problems),
        questions=tuple(_each(content / "questions.yaml", "a question", _question, problems)),
        exercises=tuple(_each(content / "exercises.yaml", "an exercise", _exercise, problems)),
        notes=tuple(_each(content / "teaching-notes.yaml", "a teaching note", _note, problems)),
    )


def _each(
    path: Path, what: str, read: Callable[[Record], T | None], problems: Problems
) -> Iterable[T]:
    """Read every record of a list file; nothing when the file does not exist."""
    if not path.exists():
        return
    data = read_yaml_file(path, problems, inside=path.parent)
    if data is UNREADABLE or data is None:
        return
    if not isinstance(data, list):
        problems.add(
            Location(path, getattr(data, "line", None)),
            f"{path.name} should be a list, each item starting with `- `.",
            "See content/README.md for an example.",
        )
        return
    for record in each_record(data, path, problems, what):
        item = read(record)
        if item is not None:
            yield item


def _named(record: Record, key: str, what: str) -> str | None:
    """Read the record's id or title and use it to name the record in later messages."""
    value = record.text(key)
    if value:
        record.what = f"{what} '{value}'"
    return value


def _valid_id(record: Record, what: str) -> str | None:
    value = _named(record, "id", what)
    if value and not ID.match(value):
        record.report("id", f"{what} id '{value}' may use letters, digits, - and _ only.")
        return None
    return value


def _entry(record: Record) -> GlossaryEntry | None:
    term = _named(record, "term", "glossary term")
    record.reject_unknown(GLOSSARY_KEYS)
    definition = record.text("definition")
    sources = record.texts("sources", required=True)
    if not (term and definition and sources):
        return None
    return GlossaryEntry(
        term=term,
        definition=definition,
        source_ids=sources,
        location=record.location,
        expansion=record.text("expansion", required=False) or "",
        also=record.texts("also"),
        context=record.text("context", required=False) or "",
        quote_id=record.text("quote", required=False),
        forms=_forms(record),
    )


def _forms(record: Record) -> tuple[TermForm, ...]:
    """`forms: {dari: ..., pashto: ...}`: the term in Arabic script, checked to be so."""
    forms = record.mapping("forms")
    if forms is None:
        return ()
    forms.reject_unknown(TERM_LANGUAGES)
    found = []
    for key, (language, tag) in TERM_LANGUAGES.items():
        text = forms.text(key, required=False)
        if text is None:
            continue
        text = " ".join(text.split())
        if not ARABIC_SCRIPT.match(text):
            forms.report(
                key,
                f"the {language} form '{text}' is not written in Arabic script.",
                f"Give the term as {language} writes it (right to left), or leave it out.",
            )
            continue
        found.append(TermForm(language, tag, text))
    return tuple(found)


def _event(record: Record) -> TimelineEntry | None:
    record.reject_unknown(TIMELINE_KEYS)
    date, event = read_source_date(record), record.text("event")
    context = record.text("context", required=False) or ""
    source = record.text("source", required=not context)
    locator = record.text("locator", required=bool(source)) or ""
    if source and context:
        record.report(
            "context",
            "a timeline entry has either `source` (an event a source states) or `context` "
            "(the citation of an outside source), not both.",
            "Keep `source` and `locator` if one of the sources states the event.",
        )
        return None
    if date is None or event is None or not (context or (source and locator)):
        return None
    return TimelineEntry(
        date=date,
        event=event,
        location=record.location,
        source_id=source,
        locator=locator,
        quote_id=record.text("quote", required=False),
        context=context,
    )


def _question(record: Record) -> Question | None:
    question_id = _valid_id(record, "question")
    record.reject_unknown(QUESTION_KEYS)
    level, question = record.text("level"), record.text("question")
    guidance, quotes = record.text("guidance"), record.texts("quotes", required=True)
    if level and level not in QUESTION_LEVELS:
        record.report(
            "level",
            f"`level` should be one of {', '.join(QUESTION_LEVELS)}, not '{level}'.",
        )
        return None
    if not (question_id and level and question and guidance and quotes):
        return None
    return Question(question_id, level, question, guidance, quotes, record.location)


def _exercise(record: Record) -> Exercise | None:
    exercise_id = _valid_id(record, "exercise")
    record.reject_unknown(EXERCISE_KEYS)
    source, title = record.text("source"), record.text("title")
    passage, guidance = record.text("passage"), record.text("guidance")
    tasks = record.texts("tasks", required=True)
    if not (exercise_id and source and title and passage and guidance and tasks):
        return None
    return Exercise(
        id=exercise_id,
        source_id=source,
        title=title,
        passage=passage,
        tasks=tasks,
        guidance=guidance,
        location=record.location,
        quotes=record.texts("quotes"),
    )


def _note(record: Record) -> TeachingNote | None:
    note_id = _valid_id(record, "teaching note")
    record.reject_unknown(NOTE_KEYS)
    title, text = record.text("title"), record.text("text")
    if not (note_id and title and text):
        return None
    return TeachingNote(
        id=note_id,
        title=title,
        text=Prose(text, record.value_location("text")),
        location=record.location,
        source_ids=record.texts("sources"),
        quotes=record.texts("quotes"),
    )


def _load_comparison(path: Path, problems: Problems) -> Comparison | None:
    if not path.exists():
        return None
    data: Any = read_yaml_file(path, problems, inside=path.parent)
    if data is UNREADABLE or data is None:
        return None
    record = Record.of(data, path, problems, "the comparison")
    if record is None:
        return None
    record.reject_unknown(COMPARISON_KEYS)
    title = record.text("title")
    columns = record.texts("sources", required=True)
    rows = [row for row in map(_row, record.records("rows", "a comparison row")) if row]
    if "rows" not in record.data:
        record.text("rows")  # reports the missing field
    if not (title and columns and rows):
        return None
    return Comparison(title, columns, tuple(rows), record.location)


def _row(record: Record) -> ComparisonRow | None:
    aspect = _named(record, "aspect", "comparison row")
    record.reject_unknown(["aspect", "cells"])
    cells_record = record.mapping("cells", required=True)
    if aspect is None or cells_record is None:
        return None
    cells = {}
    for source_id, value in cells_record.data.items():
        line = cells_record.data.key_lines.get(source_id)
        cell = Record.of(value, record.path, record.problems, f"the '{source_id}' cell", line)
        if cell is None:
            continue
        cell.what = f"the '{source_id}' cell of row '{aspect}'"
        cell.reject_unknown(["text", "quote"])
        text, quote = cell.text("text"), cell.text("quote")
        if text and quote:
            cells[str(source_id)] = ComparisonCell(text, quote, cell.location)
    return ComparisonRow(aspect, cells, record.location)
