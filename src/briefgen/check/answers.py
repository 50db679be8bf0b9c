"""Advice that does not stop a build: a student question whose answer the student edition
still gives away.

Where that can be known, we know it by the words. What a question `asks` for is left out of
the student edition, so the same reasoning must not turn up elsewhere in it (the summary
restating an inferred date's reasons, the brief repeating a blank comparison row). And the
answer guidance of an analysis or evaluation question is an argument, not a fact the sources
state: when a sentence a student reads makes the same argument, the question is answered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from briefgen.load import markdown as markup
from briefgen.load.sections import plain_words, same_heading, sections
from briefgen.model import (
    EVERY_ROW,
    INFERRED_FIELDS,
    Asked,
    Exercise,
    Library,
    Location,
    Prose,
    Question,
)

ARGUED_LEVELS = ("analysis", "evaluation")  # guidance that argues, not recalls
SHARED_WORDS = 5  # content words two sentences must share to say the same thing
ECHO = 0.6  # and the share of the shorter sentence's content words they make up
ARGUMENT_ECHO = 0.75  # stricter for guidance, which restates the sources' facts to argue
QUOTED_WORDS = 12  # how much of a sentence a warning quotes

# Words that carry no content: two sentences sharing them say nothing alike.
_STOP_WORDS_TEXT = """
    a an the and or but of to in on at by for with from as is are was were be been being it
    its this that these those which who whom whose what when where why how not no nor so
    than then there their they them he she his her we our you your i me my also only both
    each any all some such can could may might must shall should will would do does did has
    have had into over under about after before between through during without within upon
    if whether while per more most less least very just up out own same other another one
    two three says said first second third last
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
POSSESSIVE = re.compile(r"['’]s?$")
SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")


@dataclass(frozen=True)
class Shown:
    """A sentence of our own writing, where it is shown, and what it is in the pack."""

    text: str
    where: str  # "the summary of source 'isaf-backgrounder'"
    location: Location
    key: tuple[str, str, str] | None = None  # the Asked it is, when a question may ask it

    @cached_property
    def words(self) -> set[str]:
        """Its content words, found once: every question's guidance is held against it."""
        return _content_words(self.text)


def answers_shown(library: Library) -> list[str]:
    """Warnings for questions the student edition answers, each naming both places."""
    teaching = library.teaching
    items: list[Question | Exercise] = [*teaching.questions, *teaching.exercises]
    asked = {key for item in items for key in _keys(item.asks, library)}
    shown = list(_everything_shown(library))
    visible = [s for s in shown if s.key not in asked]
    warnings: list[str] = []
    for item in items:
        what = f"{'question' if isinstance(item, Question) else 'exercise'} '{item.id}'"
        own = set(_keys(item.asks, library))
        # the reasons for an inferred fact, a perspective, an audience: our interpretation,
        # which no other sentence may give; a blank row or section may restate facts
        withheld = [s for s in shown if s.key in own and s.key is not None and s.key[0] == "source"]
        for hidden in withheld:
            echo = _echo(hidden.text, visible, ECHO)
            if echo is not None:
                warnings.append(
                    f"{item.location}: {what} asks students to work out {hidden.where}, but "
                    f"the student edition still gives it away: {echo.where} "
                    f"({echo.location}) says '{_opening(echo.text)}'. Reword that, so the "
                    "student edition does not answer the question."
                )
                break
        if isinstance(item, Question) and item.level in ARGUED_LEVELS:
            echo = _echo(item.guidance, visible, ARGUMENT_ECHO)
            if echo is not None:
                warnings.append(
                    f"{item.location}: {what} is answered in the student edition: "
                    f"{echo.where} ({echo.location}) says '{_opening(echo.text)}', as its "
                    "guidance does. Add that to the question's `asks`, so the student edition "
                    "leaves it out, or reword it."
                )
    return warnings


def _keys(asks: Iterable[Asked], library: Library) -> Iterator[tuple[str, str, str]]:
    """Each asked thing as the key its shown sentences carry; `all` rows one by one."""
    comparison = library.teaching.comparison
    for asked in asks:
        if asked.kind == "comparison" and comparison is not None:
            for row in comparison.rows:
                if asked.target == EVERY_ROW or same_heading(asked.target, row.aspect):
                    yield ("comparison", row.aspect, "")
        elif asked.kind == "brief":
            yield ("brief", asked.target, " ".join(asked.part.casefold().split()))
        else:
            yield (asked.kind, asked.target, asked.part)


def _everything_shown(library: Library) -> Iterator[Shown]:
    """Every sentence of ours a pack shows, marked with what a question could ask of it."""
    for source in library.sources.values():
        named = f"source '{source.id}'"
        if source.summary is not None:
            yield from _sentences(
                source.summary.text, f"the summary of {named}", source.summary.location
            )
        for point in source.key_points:
            yield from _sentences(point.text, f"a key point of {named}", point.location)
        for field in INFERRED_FIELDS:
            fact = getattr(source, field)
            if fact is not None and fact.inferred:
                yield from _sentences(
                    fact.inferred,
                    f"why the {field} of {named} is inferred",
                    source.location,
                    ("source", source.id, field),
                )
        for field in ("perspective", "audience"):
            if getattr(source, field):
                yield from _sentences(
                    getattr(source, field),
                    f"the {field} of {named}",
                    source.location,
                    ("source", source.id, field),
                )
    teaching = library.teaching
    if teaching.comparison is not None:
        for row in teaching.comparison.rows:
            for source_id, cell in row.cells.items():
                yield from _sentences(
                    cell.text,
                    f"the comparison row '{row.aspect}' ({source_id})",
                    cell.location,
                    ("comparison", row.aspect, ""),
                )
    for entry in teaching.timeline:
        yield from _sentences(entry.event, "a timeline entry", entry.location)
        if entry.date.inferred and entry.source_id:
            yield from _sentences(
                entry.date.inferred,
                "why a timeline date is inferred",
                entry.location,
                ("source", entry.source_id, "date"),
            )
    for brief in library.briefs.values():
        yield from _brief_sentences(brief.id, brief.body)


def _brief_sentences(brief_id: str, body: Prose) -> Iterator[Shown]:
    parsed = markup.parse(body)
    first_line = body.location.line or 1
    headings = sections(parsed)
    for index, token in enumerate(parsed.tokens):
        if token.type != "inline" or parsed.tokens[index - 1].type == "heading_open":
            continue
        section = next((s for s in reversed(headings) if s.start < index < s.end), None)
        key = None
        if section is not None:
            key = ("brief", brief_id, " ".join(section.heading.casefold().split()))
        line = first_line + token.map[0] if token.map else None
        where = f"brief '{brief_id}'" + (f", '{section.heading}'" if section else "")
        location = Location(body.location.path, line)
        yield from _sentences(plain_words(token), where, location, key)


def _sentences(
    text: str, where: str, location: Location, key: tuple[str, str, str] | None = None
) -> Iterator[Shown]:
    for sentence in SENTENCE_END.split(" ".join(text.split())):
        if sentence:
            yield Shown(sentence, where, location, key)


def _echo(text: str, shown: list[Shown], threshold: float) -> Shown | None:
    """The first shown sentence that says what a sentence of ``text`` says."""
    for sentence in SENTENCE_END.split(" ".join(text.split())):
        mine = _content_words(sentence)
        if len(mine) < SHARED_WORDS:
            continue
        for other in shown:
            theirs = other.words
            shared = mine & theirs
            if len(shared) >= SHARED_WORDS and len(shared) >= threshold * min(
                len(mine), len(theirs)
            ):
                return other
    return None


def _content_words(sentence: str) -> set[str]:
    """The sentence's words that carry content, roughly stemmed: "offers" and "offered"
    are the same word here. Names are left out: two sentences naming the same people and
    places state the same facts, which the student edition is meant to give."""
    found = set()
    for word in WORD.findall(sentence):
        if word[0].isupper():
            continue
        word = POSSESSIVE.sub("", word.casefold())
        if word in STOP_WORDS or len(word) < 3:
            continue
        for ending in ("ing", "ed", "es", "s"):
            if len(word) > 4 and word.endswith(ending):
                word = word[: -len(ending)]
                break
        found.add(word)
    return found


def _opening(sentence: str) -> str:
    words = sentence.split()
    return " ".join(words[:QUOTED_WORDS]) + (" ..." if len(words) > QUOTED_WORDS else "")
