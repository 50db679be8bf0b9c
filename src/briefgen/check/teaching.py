"""The teaching material keeps its rules: source guides, glossary, timeline, comparison,
questions, exercises and teaching notes each say only what their sources support."""

from __future__ import annotations

import itertools

from briefgen.check.checker import Checker
from briefgen.check.quotations import check_own_words, check_quoted_phrase
from briefgen.check.references import check_quote, check_source_id
from briefgen.load import markdown as markup
from briefgen.model import (
    HANDOUT_QUOTES,
    Exercise,
    Location,
    Question,
    Source,
    SourceDate,
    TeachingNote,
)
from briefgen.words import count

SUMMARY_WORDS = (150, 300)
SHORT_DEFINITION_WORDS = 20  # a glossary term's `short`: one line or two on a handout
KEY_POINTS = (5, 8)


def check_source_guide(check: Checker, source: Source) -> None:
    """A source's summary and key points: the right length, in our words, quotations its own."""
    what = f"source '{source.id}'"
    theirs = check.text(source).lowered
    if source.summary is not None:
        words = len(source.summary.text.split())
        low, high = SUMMARY_WORDS
        if not low <= words <= high:
            check.add(
                source.summary.location,
                f"the summary of {what} has {count(words, 'word')}; "
                f"it should have {low} to {high}.",
                "Shorten it to the essentials." if words > high else "Say more: who, what, why.",
            )
        check_own_words(
            check, source.summary.text, f"the summary of {what}", theirs, source.summary.location
        )
    if source.key_points:
        low, high = KEY_POINTS
        points = len(source.key_points)
        if not low <= points <= high:
            check.add(
                source.key_points[0].location,
                f"{what} has {count(points, 'key point')}; it should have {low} to {high}.",
                "Merge minor points." if points > high else "Add the points a reader must know.",
            )
    if source.handout_quotes:
        low, high = HANDOUT_QUOTES
        quotes = len(source.handout_quotes)
        if not low <= quotes <= high:
            check.add(
                source.location,
                f"{what} lists {quotes} `handout_quotes`; a handout shows {low} to {high}.",
                "Pick the passages a class most needs to read.",
            )
        for quote_id in source.handout_quotes:
            check_quote(check, quote_id, f"the handout of {what}", source.location, source.id)
    for point in source.key_points:
        check_own_words(check, point.text, f"a key point of {what}", theirs, point.location)
        for quote_id in point.quotes:
            check_quote(check, quote_id, f"a key point of {what}", point.location, source.id)


def check_glossary(check: Checker) -> None:
    """Each term defined once, used by the sources it lists, its quotation real."""
    seen: dict[str, Location] = {}
    for entry in check.library.teaching.glossary:
        what = f"glossary term '{entry.term}'"
        key = entry.term.casefold()
        if key in seen:
            check.add(
                entry.location,
                f"{what} is already defined at {seen[key]}.",
                "Merge the two definitions.",
            )
        seen.setdefault(key, entry.location)
        if entry.short:
            words = len(entry.short.split())
            if words > SHORT_DEFINITION_WORDS:
                check.add(
                    entry.location,
                    f"the `short` definition of {what} has {count(words, 'word')}; it "
                    f"should have at most {SHORT_DEFINITION_WORDS}.",
                    "Keep one sentence: what the term means. The handout's web page and the "
                    "companion give the whole definition.",
                )
            check_own_words(
                check,
                entry.short,
                f"the short definition of {what}",
                check.every_text_lowered,
                entry.location,
            )
        forms = (entry.term, *entry.also)
        for source_id in entry.source_ids:
            if check_source_id(check, source_id, what, entry.location):
                source = check.library.sources[source_id]
                if not any(check.uses_term(form, source) for form in forms):
                    named = " or ".join(f"'{form}'" for form in forms)
                    check.add(
                        entry.location,
                        f"{what}: {named} does not occur in {source.text_path.name}, "
                        f"yet `sources` lists '{source_id}'.",
                        "List only the sources that use the term; add the form they use to `also`.",
                    )
        if entry.quote_id:
            check_quote(check, entry.quote_id, what, entry.location)


def check_timeline(check: Checker) -> None:
    """Entries in date order, none later than the source that reports it."""
    timeline = check.library.teaching.timeline
    for previous, entry in itertools.pairwise(timeline):
        if later(previous.date, entry.date):
            check.add(
                entry.location,
                f"the timeline entry of {entry.date.iso()} comes after one of "
                f"{previous.date.iso()} ({previous.location}).",
                "Keep the timeline in date order, earliest first.",
            )
    for entry in timeline:
        what = f"the timeline entry of {entry.date.iso()}"
        if entry.source_id is None:
            continue
        if check_source_id(check, entry.source_id, what, entry.location):
            source = check.library.sources[entry.source_id]
            if later(entry.date, source.date) and not entry.planned:
                check.add(
                    entry.location,
                    f"{what} is later than its source '{source.id}' "
                    f"({source.date.iso()}), which cannot report it as done.",
                    "Check the date, or cite the source that states the event. If the source "
                    "announces it for a later day, add `planned: true`: the timeline marks "
                    "it planned.",
                )
        if entry.quote_id:
            check_quote(check, entry.quote_id, what, entry.location, entry.source_id)


def later(date: SourceDate, than: SourceDate) -> bool:
    """Whether ``date`` is surely after ``than``, comparing only the parts both state."""
    for mine, theirs in ((date.year, than.year), (date.month, than.month), (date.day, than.day)):
        if mine is None or theirs is None or mine != theirs:
            return mine is not None and theirs is not None and mine > theirs
    return False


def check_comparison(check: Checker) -> None:
    """One row per aspect, one cell per compared source, each cell quoting its own source."""
    comparison = check.library.teaching.comparison
    if comparison is None:
        return
    columns = [
        source_id
        for source_id in comparison.source_ids
        if check_source_id(check, source_id, "the comparison", comparison.location)
    ]
    aspects: dict[str, Location] = {}
    for row in comparison.rows:
        what = f"comparison row '{row.aspect}'"
        if row.aspect.casefold() in aspects:
            check.add(row.location, f"{what} is already at {aspects[row.aspect.casefold()]}.")
        aspects.setdefault(row.aspect.casefold(), row.location)
        for source_id in comparison.source_ids:
            if source_id not in row.cells:
                check.add(
                    row.location,
                    f"{what} has no cell for '{source_id}'.",
                    f"Add `{source_id}: {{text: ..., quote: ...}}` under `cells`; where the "
                    "source is silent, say so and quote what it does say.",
                )
        for source_id, cell in row.cells.items():
            if source_id not in comparison.source_ids:
                check.add(
                    cell.location,
                    f"{what} has a cell for '{source_id}', which is not one of the "
                    f"comparison's `sources`.",
                    f"The columns are: {', '.join(comparison.source_ids)}.",
                )
            elif source_id in columns:
                check_quote(
                    check,
                    cell.quote_id,
                    f"the '{source_id}' cell of {what}",
                    cell.location,
                    source_id,
                )


def check_questions(check: Checker) -> None:
    """Question and exercise ids unique, their quotations real, each exercise's passage from
    its own source."""
    teaching = check.library.teaching
    seen: dict[str, Location] = {}
    items: list[Question | Exercise] = [*teaching.questions, *teaching.exercises]
    for item in items:
        kind = "question" if isinstance(item, Question) else "exercise"
        if item.id in seen:
            check.add(
                item.location,
                f"{kind} id '{item.id}' is already used at {seen[item.id]}.",
                f"Give each {kind} its own id.",
            )
        seen.setdefault(item.id, item.location)
        for quote_id in item.quotes:
            check_quote(check, quote_id, f"{kind} '{item.id}'", item.location)
    for exercise in teaching.exercises:
        what = f"exercise '{exercise.id}'"
        if check_source_id(check, exercise.source_id, what, exercise.location):
            check_quote(check, exercise.passage, what, exercise.location, exercise.source_id)


def check_teaching_notes(check: Checker, pack_ids: tuple[str, ...] = ()) -> None:
    """Notes are ours: ids unique, references resolve, quoted words exact, nothing copied;
    each says which packs it is for."""
    library = check.library
    seen: dict[str, Location] = {}
    for note in library.teaching.notes:
        what = f"teaching note '{note.id}'"
        _check_note_packs(check, note, what, pack_ids)
        if note.id in seen:
            check.add(
                note.location,
                f"{what}: the id is already used at {seen[note.id]}.",
                "Give each teaching note its own id.",
            )
        seen.setdefault(note.id, note.location)
        named = [
            library.sources[source_id]
            for source_id in note.source_ids
            if check_source_id(check, source_id, what, note.location)
        ]
        for quote_id in note.quotes:
            check_quote(check, quote_id, what, note.location)
        check_own_words(check, note.text.text, what, check.every_text_lowered, note.text.location)
        if any(source_id in library.unreadable for source_id in note.source_ids):
            continue
        sources = named or list(library.sources.values())
        for phrase in markup.parse(note.text).quoted_phrases:
            location = Location(note.text.location.path, phrase.line)
            check_quoted_phrase(check, phrase, location, sources, "this note is about")


def _check_note_packs(
    check: Checker, note: TeachingNote, what: str, pack_ids: tuple[str, ...]
) -> None:
    if not note.scoped:
        check.add(
            note.location,
            f"{what} does not say which packs it is for.",
            "Give it `packs:` (pack ids from briefgen.yaml), or `sources:` or `quotes:`: "
            "it then goes in the packs that use them.",
        )
    for pack_id in note.pack_ids:
        if pack_id not in pack_ids:
            check.add_unknown(
                note.location,
                f"{what} names pack '{pack_id}', which briefgen.yaml does not have.",
                pack_id,
                pack_ids,
                f"The packs are: {', '.join(pack_ids) or 'none'}.",
            )
