"""Load the classroom material around the briefs: glossary, timeline, questions, notes.

Each is one optional YAML file in content/ (see content/README.md). Like the loader, this
checks only the shape of each record; whether ids resolve is the checker's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from briefgen.errors import Problems
from briefgen.load.fields import (
    EXTRA,
    THEN,
    Custom,
    Flag,
    Form,
    Id,
    Markdown,
    Name,
    Records,
    Text,
    Texts,
    Values,
    read_source_date,
)
from briefgen.load.records import Record, each_record
from briefgen.load.yamlfile import UNREADABLE, read_yaml_file
from briefgen.model import (
    ASKABLE_FIELDS,
    EVERY_ROW,
    QUESTION_LEVELS,
    TERM_LANGUAGES,
    Asked,
    Comparison,
    ComparisonCell,
    ComparisonRow,
    Exercise,
    GlossaryEntry,
    Location,
    Question,
    Teaching,
    TeachingNote,
    TermForm,
    TimelineEntry,
)
from briefgen.words import did_you_mean

T = TypeVar("T")

# Arabic script as Dari and Pashto write it, with the joiners and marks they use
ARABIC_SCRIPT = re.compile(
    r"^[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF\u200C\u200D ]+$"
)


def load_teaching(content: Path, problems: Problems) -> Teaching:
    """Read whichever of the teaching files exist; a missing file means none of that kind."""
    return Teaching(
        glossary=tuple(_each(content / "glossary.yaml", "a glossary entry", GLOSSARY, problems)),
        timeline=tuple(_each(content / "timeline.yaml", "a timeline entry", TIMELINE, problems)),
        comparison=_load_comparison(content / "comparison.yaml", problems),
        questions=tuple(_each(content / "questions.yaml", "a question", QUESTION, problems)),
        exercises=tuple(_each(content / "exercises.yaml", "an exercise", EXERCISE, problems)),
        notes=tuple(_each(content / "teaching-notes.yaml", "a teaching note", NOTE, problems)),
    )


def _each(path: Path, what: str, form: Form[T], problems: Problems) -> Iterable[T]:
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
        item = form.read(record)
        if item is not None:
            yield item


def _load_comparison(path: Path, problems: Problems) -> Comparison | None:
    if not path.exists():
        return None
    data: Any = read_yaml_file(path, problems, inside=path.parent)
    if data is UNREADABLE or data is None:
        return None
    record = Record.of(data, path, problems, "the comparison")
    if record is None:
        return None
    return COMPARISON.read(record)


def read_forms(record: Record, key: str) -> tuple[TermForm, ...]:
    """`forms: {dari: ..., pashto: ...}`: the term in Arabic script, checked to be so."""
    forms = record.mapping(key)
    if forms is None:
        return ()
    forms.reject_unknown(TERM_LANGUAGES)
    found = []
    for language_key, (language, tag) in TERM_LANGUAGES.items():
        text = forms.text(language_key, required=False)
        if text is None:
            continue
        text = " ".join(text.split())
        if not ARABIC_SCRIPT.match(text):
            forms.report(
                language_key,
                f"the {language} form '{text}' is not written in Arabic script.",
                f"Give the term as {language} writes it (right to left), or leave it out.",
            )
            continue
        found.append(TermForm(language, tag, text))
    return tuple(found)


GLOSSARY = Form(
    GlossaryEntry,
    Name("term", "glossary term"),
    Text("expansion", default="", step=EXTRA),
    Texts("also", step=EXTRA),
    Text("definition", required=True),
    Text("short", default="", step=EXTRA),
    Text("context", default="", step=EXTRA),
    Texts("sources", attr="source_ids", required=True),
    Text("quote", attr="quote_id", step=EXTRA),
    Custom("forms", read_forms, step=EXTRA),
    given=("location",),
)


def _cites_once(record: Record, values: Values) -> bool:
    """A timeline entry cites a source (with a locator) or outside context, not both."""
    source, context = values["source_id"], values["context"]
    if source and context:
        record.report(
            "context",
            "a timeline entry has either `source` (an event a source states) or `context` "
            "(the citation of an outside source), not both.",
            "Keep `source` and `locator` if one of the sources states the event.",
        )
        return False
    return bool(context or (source and values["locator"]))


# `source` is needed unless there is `context`, and `locator` with a source: both are
# read after `context` and `source` they depend on.
TIMELINE = Form(
    TimelineEntry,
    Custom("date", read_source_date, required=True),
    Text("event", required=True),
    Text("source", attr="source_id", required=lambda values: not values["context"], step=THEN),
    Text("locator", required=lambda values: bool(values["source_id"]), default="", step=THEN),
    Text("quote", attr="quote_id", step=EXTRA),
    Text("context", default=""),
    Flag("planned"),
    given=("location",),
    blank_ok=True,
    check=_cites_once,
)


def _known_level(record: Record, values: Values) -> bool:
    level = values["level"]
    if level and level not in QUESTION_LEVELS:
        record.report(
            "level",
            f"`level` should be one of {', '.join(QUESTION_LEVELS)}, not '{level}'.",
        )
        return False
    return True


ASKS_KINDS = ("sources", "comparison", "briefs")


def read_asks(record: Record, key: str) -> tuple[Asked, ...]:
    """`asks:` what students are to work out, which the student edition leaves blank::

    asks:
      sources: {isaf-backgrounder: [issuer, date]}
      comparison: [Who speaks]        # rows by aspect, or `all`
      briefs: {peace-process-framings: [Side by Side]}   # sections by heading
    """
    asks = record.mapping(key)
    if asks is None:
        return ()
    asks.reject_unknown(ASKS_KINDS)
    found: list[Asked] = []
    for target, parts, location in _listed_under(asks, "sources"):
        for part, line in parts:
            if part not in ASKABLE_FIELDS:
                record.problems.add(
                    Location(record.path, line),
                    f"`asks` names '{part}' of {target}, which a question cannot ask for.",
                    did_you_mean(part, ASKABLE_FIELDS)
                    or f"A question may ask for a source's {', '.join(ASKABLE_FIELDS)}.",
                )
                continue
            found.append(Asked("source", target, part, Location(record.path, line or location)))
    aspects = asks.texts("comparison")
    lines = getattr(asks.data.get("comparison"), "item_lines", None) or [None] * len(aspects)
    if isinstance(asks.data.get("comparison"), str):
        lines = [asks.data.key_lines.get("comparison")]
    for aspect, line in zip(aspects, lines, strict=False):
        at = Location(record.path, line or asks.data.key_lines.get("comparison"))
        found.append(Asked("comparison", EVERY_ROW if aspect == EVERY_ROW else aspect, "", at))
    for target, parts, location in _listed_under(asks, "briefs"):
        for part, line in parts:
            found.append(Asked("brief", target, part, Location(record.path, line or location)))
    return tuple(found)


def _listed_under(
    asks: Record, key: str
) -> Iterable[tuple[str, list[tuple[str, int | None]], int | None]]:
    """`key: {id: [part, ...]}`: each id with its parts and their lines."""
    block = asks.mapping(key)
    if block is None:
        return
    for target in block.data:
        parts = block.texts(str(target))
        value = block.data.get(target)
        lines = getattr(value, "item_lines", None) or [block.data.key_lines.get(target)] * len(
            parts
        )
        yield str(target), list(zip(parts, lines, strict=False)), block.data.key_lines.get(target)


QUESTION = Form(
    Question,
    Id("id", "question"),
    Text("level", required=True),
    Text("question", required=True),
    Text("guidance", required=True),
    Texts("quotes", required=True),
    Custom("asks", read_asks, default=(), step=EXTRA),
    given=("location",),
    check=_known_level,
)
EXERCISE = Form(
    Exercise,
    Id("id", "exercise"),
    Text("source", attr="source_id", required=True),
    Text("title", required=True),
    Text("passage", required=True),
    Texts("tasks", required=True, step=THEN),  # after the guidance, as problems are listed
    Text("guidance", required=True),
    Texts("quotes", step=EXTRA),
    Custom("asks", read_asks, default=(), step=EXTRA),
    given=("location",),
)
NOTE = Form(
    TeachingNote,
    Id("id", "teaching note"),
    Text("title", required=True),
    Texts("sources", attr="source_ids", step=EXTRA),
    Texts("quotes", step=EXTRA),
    Texts("packs", attr="pack_ids", step=EXTRA),
    Markdown("text", required=True),
    given=("location",),
)

CELL = Form(
    ComparisonCell,
    Text("text", required=True),
    Text("quote", attr="quote_id", required=True),
    given=("location",),
)


def read_cells(record: Record, key: str, aspect: str | None) -> dict[str, ComparisonCell] | None:
    """A row's cells, one for each source: read once the row has its aspect."""
    cells_record = record.mapping(key, required=True)
    if aspect is None or cells_record is None:
        return None
    cells = {}
    for source_id, value in cells_record.data.items():
        line = cells_record.data.key_lines.get(source_id)
        cell = Record.of(value, record.path, record.problems, f"the '{source_id}' cell", line)
        if cell is None:
            continue
        cell.what = f"the '{source_id}' cell of row '{aspect}'"
        found = CELL.read(cell)
        if found is not None:
            cells[str(source_id)] = found
    return cells


ROW = Form(
    ComparisonRow,
    Name("aspect", "comparison row"),
    Custom("cells", read_cells, required=True, needs=("aspect",)),
    given=("location",),
    blank_ok=True,
)
COMPARISON = Form(
    Comparison,
    Text("title", required=True),
    Texts("sources", attr="source_ids", required=True),
    Records("rows", ROW, "a comparison row", required=True),
    given=("location",),
)
