"""Check a loaded project: every quotation verbatim, every reference resolvable.

`briefgen check` runs this alone; `briefgen build` runs it first and builds nothing if it
finds a problem.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable

from briefgen.check.verbatim import Mismatch, find_mismatch, find_term, normalise, normalised_source
from briefgen.errors import Problems
from briefgen.load import markdown as markup
from briefgen.model import (
    HANDOUT_QUOTES,
    Brief,
    Exercise,
    Library,
    Location,
    Project,
    Prose,
    Question,
    Source,
    SourceDate,
)


def check_project(project: Project, problems: Problems) -> None:
    """Add every problem found in the project's content to ``problems``."""
    library = project.library
    _check_sources(library, problems)
    _check_quotations(library, problems)
    for source in library.sources.values():
        _check_source_guide(source, library, problems)
    _check_glossary(library, problems)
    _check_timeline(library, problems)
    _check_comparison(library, problems)
    _check_questions(library, problems)
    _check_teaching_notes(library, problems)
    for brief in library.briefs.values():
        check_brief(brief, library, problems)
    for pack in project.config.packs.values():
        for source_id in pack.handouts or ():
            _check_source_id(
                source_id, f"pack '{pack.id}' `handouts`", pack.location, library, problems
            )
        for brief_id in pack.briefs:
            if brief_id not in library.briefs and brief_id not in library.unreadable:
                problems.add(
                    pack.location,
                    f"pack '{pack.id}' lists brief '{brief_id}', which does not exist."
                    + _did_you_mean(brief_id, library.briefs),
                    "Briefs are the .md files in content/briefs/; use a file name without .md.",
                )


def _check_sources(library: Library, problems: Problems) -> None:
    for source in library.sources.values():
        text = normalised_source(source.text, source.glued_footnote_numbers)
        for gap in source.gaps:
            count = text.count(normalise(gap.after))
            if count != 1:
                where = "does not occur" if count == 0 else f"occurs {count} times"
                problems.add(
                    source.location,
                    f'the gap passage "{gap.after}" {where} in {source.text_path.name}.',
                    "Copy a passage that occurs exactly once, just before the missing words.",
                )
        if not text:
            problems.add(
                source.location,
                f"{source.text_path.name} is empty, so no quotation can be checked against it.",
                "Paste the full text of the source into it.",
            )


def _check_quotations(library: Library, problems: Problems) -> None:
    for quotation in library.quotations.values():
        source = library.sources.get(quotation.source_id)
        if quotation.source_id in library.unreadable:
            continue
        if source is None:
            problems.add(
                quotation.location,
                f"quotation '{quotation.id}' names source '{quotation.source_id}', "
                "which does not exist." + _did_you_mean(quotation.source_id, library.sources),
                "Sources are the .yaml files in content/sources/; use a file name without .yaml.",
            )
            continue
        mismatch = _mismatch(quotation.text, source)
        if mismatch is not None:
            problems.add(
                quotation.location,
                f"quotation '{quotation.id}' is not word for word in source "
                f"'{source.id}': {mismatch.describe()}",
                f"Copy the passage exactly from {source.text_path.name}; mark cuts with ... "
                "and your own words in [square brackets].",
            )


def check_brief(brief: Brief, library: Library, problems: Problems) -> None:
    """Check a brief's lead and body: every reference resolves, every quoted phrase is exact."""
    parsed = [(prose, markup.parse(prose)) for prose in (brief.lead, brief.body)]
    for prose, prose_parsed in parsed:
        _check_references(prose, prose_parsed, library, problems)
    _check_notes(brief, [p for _, p in parsed], problems)
    cited = _cited_sources(library, [ref for _, p in parsed for ref in p.references])
    if cited is None:
        return  # a cited source could not be read; its problem is already reported
    for prose, prose_parsed in parsed:
        for phrase in prose_parsed.quoted_phrases:
            location = Location(prose.location.path, phrase.line)
            _check_quoted_phrase(phrase, location, cited, problems)


def _check_notes(brief: Brief, parsed: list[markup.ParsedProse], problems: Problems) -> None:
    """Every [^label] has its note written out, once used, and every note is used."""
    path = brief.body.location.path
    definitions = {label: note for p in parsed for label, note in p.notes.items()}
    used: dict[str, int] = {}
    for reference in (ref for p in parsed for ref in p.references if ref.kind == "note"):
        location = Location(path, reference.line)
        label = reference.target
        if label not in definitions:
            problems.add(
                location,
                f"[^{label}] points to a note that is not written out.",
                f"Add a paragraph `[^{label}]: the text of the note` to the brief, "
                "or remove the reference.",
            )
        elif label in used:
            problems.add(
                location,
                f"[^{label}] is referenced twice (first at line {used[label]}); "
                "a note belongs to one place.",
                "Write a second note, or cite the source again with [@id].",
            )
        used.setdefault(label, reference.line)
    for label, note in definitions.items():
        if label not in used:
            problems.add(
                Location(path, note.line),
                f"note [^{label}] is written out but never referenced.",
                f"Put [^{label}] in the text where the note belongs, or delete the note.",
            )


def _cited_sources(library: Library, references: list[markup.Reference]) -> list[Source] | None:
    """The sources a brief cites or quotes from (every source if it cites none).

    None when one of them could not be read, so quoted phrases cannot be judged.
    """
    ids: dict[str, None] = {}
    for reference in references:
        quotation = library.quotations.get(reference.target)
        source_id = quotation.source_id if quotation else reference.target
        if source_id in library.unreadable:
            return None
        if source_id in library.sources:
            ids[source_id] = None
    return [library.sources[i] for i in ids] or list(library.sources.values())


def _check_quoted_phrase(
    phrase: markup.QuotedPhrase,
    location: Location,
    sources: list[Source],
    problems: Problems,
    whose: str = "this brief cites",
) -> None:
    mismatches = []
    for source in sources:
        mismatch = _mismatch(phrase.text, source)
        if mismatch is None:
            return
        mismatches.append((source, mismatch))
    source, closest = max(
        mismatches, key=lambda pair: (pair[1].kind != "absent", pair[1].word_number)
    )
    where = (
        f"; the nearest passage is in '{source.id}': {closest.describe()}"
        if closest.kind != "absent"
        else "."
    )
    problems.add(
        location,
        f'"{phrase.text}" is in quotation marks but is not word for word in the sources '
        f"{whose}{where}",
        "Copy the words exactly, or use {{< quote ID >}} for a checked quotation. "
        "If the marks are not a quotation (a title, a so-called term), use italics instead.",
    )


def _mismatch(quoted: str, source: Source) -> Mismatch | None:
    """Where ``quoted`` departs from ``source``, with the source's own normalisation rules."""
    gaps = tuple(gap.after for gap in source.gaps)
    return find_mismatch(quoted, source.text, source.glued_footnote_numbers, gaps)


def _check_references(
    prose: Prose, parsed: markup.ParsedProse, library: Library, problems: Problems
) -> None:
    path = prose.location.path
    quotations_known = library.quotations_complete
    for bad in parsed.malformed:
        problems.add(Location(path, bad.line), f"{bad.message}: {bad.text}", bad.hint)
    for reference in parsed.references:
        if reference.target in library.unreadable:
            continue
        location = Location(path, reference.line)
        if reference.kind == "quote" and reference.target not in library.quotations:
            if not quotations_known:
                continue
            problems.add(
                location,
                f"{{{{< quote {reference.target} >}}}} names no quotation."
                + _did_you_mean(reference.target, library.quotations),
                "Quotation ids are the `id:` lines in content/quotations/.",
            )
        elif (
            reference.kind == "cite"
            and reference.target not in library.sources
            and reference.target not in library.quotations
            and quotations_known
        ):
            known = [*library.sources, *library.quotations]
            problems.add(
                location,
                f"[@{reference.target}] cites no source or quotation."
                + _did_you_mean(reference.target, known),
                "Cite a source id (a file name in content/sources/) or a quotation id.",
            )


# The source guides and teaching material --------------------------------------------------

SUMMARY_WORDS = (150, 300)
KEY_POINTS = (5, 8)
COPIED_RUN = 10  # this many words in a row from the source is copying, not summarising


def _check_source_guide(source: Source, library: Library, problems: Problems) -> None:
    what = f"source '{source.id}'"
    theirs = f" {normalised_source(source.text, source.glued_footnote_numbers).lower()} "
    if source.summary is not None:
        words = len(source.summary.text.split())
        low, high = SUMMARY_WORDS
        if not low <= words <= high:
            problems.add(
                source.summary.location,
                f"the summary of {what} has {words} words; it should have {low} to {high}.",
                "Shorten it to the essentials." if words > high else "Say more: who, what, why.",
            )
        _check_own_words(
            source.summary.text, f"the summary of {what}", theirs, problems, source.summary.location
        )
    if source.key_points:
        low, high = KEY_POINTS
        count = len(source.key_points)
        if not low <= count <= high:
            problems.add(
                source.key_points[0].location,
                f"{what} has {count} key points; it should have {low} to {high}.",
                "Merge minor points." if count > high else "Add the points a reader must know.",
            )
    if source.handout_quotes:
        low, high = HANDOUT_QUOTES
        count = len(source.handout_quotes)
        if not low <= count <= high:
            problems.add(
                source.location,
                f"{what} lists {count} `handout_quotes`; a handout shows {low} to {high}.",
                "Pick the passages a class most needs to read.",
            )
        for quote_id in source.handout_quotes:
            _check_quote(
                quote_id, f"the handout of {what}", source.location, library, problems, source.id
            )
    for point in source.key_points:
        _check_own_words(point.text, f"a key point of {what}", theirs, problems, point.location)
        for quote_id in point.quotes:
            _check_quote(
                quote_id, f"a key point of {what}", point.location, library, problems, source.id
            )


def _check_own_words(
    text: str, what: str, theirs: str, problems: Problems, location: Location
) -> None:
    """Summaries are our own words: a long run copied from the source must be a quotation.

    ``theirs`` is the source normalised, lower-cased and padded with a space each side.
    """
    ours = normalise(text).lower().split()
    for start in range(len(ours) - COPIED_RUN + 1):
        run = " ".join(ours[start : start + COPIED_RUN])
        if f" {run} " in theirs:
            problems.add(
                location,
                f'{what} copies {COPIED_RUN} or more words in a row from the source: "{run}".',
                "Summaries are in our own words: rephrase it, or quote it in a quotation.",
            )
            return


def _check_quote(
    quote_id: str,
    what: str,
    location: Location,
    library: Library,
    problems: Problems,
    source_id: str | None = None,
) -> None:
    """A reference to a quotation resolves (and, given ``source_id``, is from that source)."""
    if quote_id in library.unreadable or not library.quotations_complete:
        return
    quotation = library.quotations.get(quote_id)
    if quotation is None:
        problems.add(
            location,
            f"{what} cites quotation '{quote_id}', which does not exist."
            + _did_you_mean(quote_id, library.quotations),
            "Quotation ids are the `id:` lines in content/quotations/ (`briefgen list quotes`).",
        )
    elif (
        source_id is not None
        and quotation.source_id != source_id
        and quotation.source_id in library.sources  # else the quotation's own problem says so
    ):
        problems.add(
            location,
            f"{what} cites quotation '{quote_id}', which is from '{quotation.source_id}', "
            f"not from '{source_id}'.",
            f"Choose a quotation of '{source_id}' (`briefgen list quotes`).",
        )


def _check_source_id(
    source_id: str, what: str, location: Location, library: Library, problems: Problems
) -> bool:
    """Whether ``source_id`` names a readable source; reports it when it names none."""
    if source_id in library.sources:
        return True
    if source_id not in library.unreadable:
        problems.add(
            location,
            f"{what} names source '{source_id}', which does not exist."
            + _did_you_mean(source_id, library.sources),
            "Sources are the .yaml files in content/sources/; use a file name without .yaml.",
        )
    return False


def _check_glossary(library: Library, problems: Problems) -> None:
    seen: dict[str, Location] = {}
    for entry in library.teaching.glossary:
        what = f"glossary term '{entry.term}'"
        key = entry.term.casefold()
        if key in seen:
            problems.add(
                entry.location,
                f"{what} is already defined at {seen[key]}.",
                "Merge the two definitions.",
            )
        seen.setdefault(key, entry.location)
        for source_id in entry.source_ids:
            if _check_source_id(source_id, what, entry.location, library, problems):
                source = library.sources[source_id]
                if not any(_uses_term(form, source) for form in (entry.term, *entry.also)):
                    forms = " or ".join(f"'{form}'" for form in (entry.term, *entry.also))
                    problems.add(
                        entry.location,
                        f"{what}: {forms} does not occur in {source.text_path.name}, "
                        f"yet `sources` lists '{source_id}'.",
                        "List only the sources that use the term; add the form they use to `also`.",
                    )
        if entry.quote_id:
            _check_quote(entry.quote_id, what, entry.location, library, problems)


def _uses_term(term: str, source: Source) -> bool:
    """Whether the source uses the term as a word; abbreviations ("IS") must match in case."""
    text = normalised_source(source.text, source.glued_footnote_numbers)
    return find_term(normalise(term), text) is not None


def _check_timeline(library: Library, problems: Problems) -> None:
    timeline = library.teaching.timeline
    for previous, entry in itertools.pairwise(timeline):
        if _later(previous.date, entry.date):
            problems.add(
                entry.location,
                f"the timeline entry of {entry.date.iso()} comes after one of "
                f"{previous.date.iso()} ({previous.location}).",
                "Keep the timeline in date order, earliest first.",
            )
    for entry in timeline:
        what = f"the timeline entry of {entry.date.iso()}"
        if entry.source_id is None:
            continue
        if _check_source_id(entry.source_id, what, entry.location, library, problems):
            source = library.sources[entry.source_id]
            if _later(entry.date, source.date):
                problems.add(
                    entry.location,
                    f"{what} is later than its source '{source.id}' "
                    f"({source.date.iso()}), which cannot report it.",
                    "Check the date, or cite the source that states the event.",
                )
        if entry.quote_id:
            _check_quote(entry.quote_id, what, entry.location, library, problems, entry.source_id)


def _later(date: SourceDate, than: SourceDate) -> bool:
    """Whether ``date`` is surely after ``than``, comparing only the parts both state."""
    for mine, theirs in ((date.year, than.year), (date.month, than.month), (date.day, than.day)):
        if mine is None or theirs is None or mine != theirs:
            return mine is not None and theirs is not None and mine > theirs
    return False


def _check_comparison(library: Library, problems: Problems) -> None:
    comparison = library.teaching.comparison
    if comparison is None:
        return
    columns = [
        source_id
        for source_id in comparison.source_ids
        if _check_source_id(source_id, "the comparison", comparison.location, library, problems)
    ]
    aspects: dict[str, Location] = {}
    for row in comparison.rows:
        what = f"comparison row '{row.aspect}'"
        if row.aspect.casefold() in aspects:
            problems.add(row.location, f"{what} is already at {aspects[row.aspect.casefold()]}.")
        aspects.setdefault(row.aspect.casefold(), row.location)
        for source_id in comparison.source_ids:
            if source_id not in row.cells:
                problems.add(
                    row.location,
                    f"{what} has no cell for '{source_id}'.",
                    f"Add `{source_id}: {{text: ..., quote: ...}}` under `cells`; where the "
                    "source is silent, say so and quote what it does say.",
                )
        for source_id, cell in row.cells.items():
            if source_id not in comparison.source_ids:
                problems.add(
                    cell.location,
                    f"{what} has a cell for '{source_id}', which is not one of the "
                    f"comparison's `sources`.",
                    f"The columns are: {', '.join(comparison.source_ids)}.",
                )
            elif source_id in columns:
                _check_quote(
                    cell.quote_id,
                    f"the '{source_id}' cell of {what}",
                    cell.location,
                    library,
                    problems,
                    source_id,
                )


def _check_questions(library: Library, problems: Problems) -> None:
    teaching = library.teaching
    seen: dict[str, Location] = {}
    items: list[Question | Exercise] = [*teaching.questions, *teaching.exercises]
    for item in items:
        kind = "question" if isinstance(item, Question) else "exercise"
        if item.id in seen:
            problems.add(
                item.location,
                f"{kind} id '{item.id}' is already used at {seen[item.id]}.",
                f"Give each {kind} its own id.",
            )
        seen.setdefault(item.id, item.location)
        for quote_id in item.quotes:
            _check_quote(quote_id, f"{kind} '{item.id}'", item.location, library, problems)
    for exercise in teaching.exercises:
        what = f"exercise '{exercise.id}'"
        if _check_source_id(exercise.source_id, what, exercise.location, library, problems):
            _check_quote(
                exercise.passage, what, exercise.location, library, problems, exercise.source_id
            )


def _check_teaching_notes(library: Library, problems: Problems) -> None:
    """Notes are ours: ids unique, references resolve, quoted words exact, nothing copied."""
    seen: dict[str, Location] = {}
    everything = " ".join(
        f" {normalised_source(s.text, s.glued_footnote_numbers).lower()} "
        for s in library.sources.values()
    )
    for note in library.teaching.notes:
        what = f"teaching note '{note.id}'"
        if note.id in seen:
            problems.add(
                note.location,
                f"{what}: the id is already used at {seen[note.id]}.",
                "Give each teaching note its own id.",
            )
        seen.setdefault(note.id, note.location)
        named = [
            library.sources[source_id]
            for source_id in note.source_ids
            if _check_source_id(source_id, what, note.location, library, problems)
        ]
        for quote_id in note.quotes:
            _check_quote(quote_id, what, note.location, library, problems)
        _check_own_words(note.text.text, what, everything, problems, note.text.location)
        if any(source_id in library.unreadable for source_id in note.source_ids):
            continue
        sources = named or list(library.sources.values())
        for phrase in markup.parse(note.text).quoted_phrases:
            location = Location(note.text.location.path, phrase.line)
            _check_quoted_phrase(phrase, location, sources, problems, "this note is about")


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""
