"""Gather a pack's teaching companion: the material about the sources its briefs use.

The companion sits beside the brief: a guide to each source with its numbered quotations
(Q1, Q2 ...), the comparison table, the timeline, the glossary, discussion questions,
source-analysis exercises; the teacher edition adds the answer guidance, the key to the
exercises and the teaching notes. Everything in it refers to quotations by those
numbers, so a class can find the evidence on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.load import markdown as markup
from briefgen.model import (
    TEACHER,
    Comparison,
    Exercise,
    Figure,
    GlossaryEntry,
    Library,
    Pack,
    Question,
    Quotation,
    Source,
    TeachingNote,
    TimelineEntry,
)
from briefgen.words import listed


@dataclass(frozen=True)
class SourceGuide:
    source: Source
    letter: str  # "A", "B" ... in the order the briefs first cite the sources
    quotations: tuple[Quotation, ...]


@dataclass(frozen=True)
class Companion:
    pack: Pack
    guides: tuple[SourceGuide, ...]
    numbers: dict[str, int]  # quotation id -> its number in the companion (Q1 ...)
    comparison: Comparison | None
    timeline: tuple[TimelineEntry, ...]
    glossary: tuple[GlossaryEntry, ...]
    questions: tuple[Question, ...]
    exercises: tuple[Exercise, ...]
    edition: str = TEACHER
    notes: tuple[TeachingNote, ...] = ()  # teaching notes: teacher edition only
    figures: tuple[Figure, ...] = ()  # the maps and pictures at its head

    @property
    def teacher(self) -> bool:
        return self.edition == TEACHER

    def shows(self, section: str) -> bool:
        """Whether the pack's `sections` keep this part of the companion."""
        return section in self.pack.sections

    def has_source(self, source_id: str) -> bool:
        return any(guide.source.id == source_id for guide in self.guides)

    @property
    def form_languages(self) -> str:
        """The languages glossary terms are also given in: "Dari and Pashto"."""
        seen = dict.fromkeys(form.language for e in self.glossary for form in e.forms)
        return listed(list(seen)) if seen else ""

    @property
    def edition_note(self) -> str:
        """What this edition holds, as its label says it: only what is there."""
        return edition_note(
            self.teacher, bool(self.questions), bool(self.exercises), bool(self.notes)
        )

    def guide(self, source_id: str) -> SourceGuide:
        return next(guide for guide in self.guides if guide.source.id == source_id)


def edition_note(teacher: bool, questions: bool, exercises: bool, notes: bool) -> str:
    """ "with answer guidance and teaching notes, not for students"; "questions and
    exercises without answers"; no promise of a part the pack does not have."""
    if teacher:
        parts = ["answer guidance"] * (questions or exercises) + ["teaching notes"] * notes
        return f"with {listed(parts)}, not for students" if parts else "not for students"
    asked = ["questions"] * questions + ["exercises"] * exercises
    return f"{listed(asked)} without answers" if asked else "for students"


def gather_companion(pack: Pack, library: Library, edition: str = TEACHER) -> Companion:
    """The companion of ``pack``: its sources' guides and the teaching material about them.

    Parts the pack's `sections` leave out are empty; only the teacher edition has notes.
    """
    sources = pack_sources(pack, library)
    order = {source.id: index for index, source in enumerate(sources)}
    ids = set(order)
    guides = []
    numbers: dict[str, int] = {}
    for index, source in enumerate(sources):
        quotations = tuple(q for q in library.quotations.values() if q.source_id == source.id)
        for quotation in quotations:
            numbers[quotation.id] = len(numbers) + 1
        guides.append(SourceGuide(source, chr(ord("A") + index), quotations))
    teaching = library.teaching
    comparison = teaching.comparison
    if comparison is not None and not set(comparison.source_ids) <= ids:
        comparison = None  # it compares sources this pack does not use
    kept = set(pack.sections)
    teacher = edition == TEACHER
    return Companion(
        pack=pack,
        guides=tuple(guides),
        numbers=numbers,
        comparison=comparison if "comparison" in kept else None,
        timeline=tuple(
            e
            for e in teaching.timeline
            if "timeline" in kept and (e.source_id is None or e.source_id in ids)
        ),
        glossary=tuple(
            sorted(
                (e for e in teaching.glossary if "glossary" in kept and ids & set(e.source_ids)),
                key=lambda e: e.term.casefold(),
            )
        ),
        questions=tuple(
            q for q in teaching.questions if "questions" in kept and set(q.quotes) <= numbers.keys()
        ),
        exercises=tuple(
            sorted(
                (e for e in teaching.exercises if "exercises" in kept and e.source_id in ids),
                key=lambda e: order[e.source_id],
            )
        ),
        edition=edition,
        notes=tuple(n for n in teaching.notes if teacher and _note_for(n, pack.id, ids, numbers)),
        figures=tuple(figure for figure in library.figures.values() if figure.companion),
    )


def _note_for(note: TeachingNote, pack_id: str, sources: set[str], quotes: dict[str, int]) -> bool:
    """A note is for the packs it names; else for those that use one of its sources; else
    for those whose companion has all its quotations. The checker refuses a note that
    says none of these, so a lesson plan never turns up in a pack on another topic."""
    if note.pack_ids:
        return pack_id in note.pack_ids
    if note.source_ids:
        return bool(sources & set(note.source_ids))
    return bool(note.quotes) and set(note.quotes) <= quotes.keys()


def pack_sources(pack: Pack, library: Library) -> list[Source]:
    """The sources the pack's briefs cite or quote, in order of first use."""
    seen: dict[str, Source] = {}
    for brief_id in pack.briefs:
        brief = library.briefs[brief_id]
        for prose in (brief.lead, brief.body):
            for reference in markup.parse(prose).references:
                quotation = library.quotations.get(reference.target)
                source_id = quotation.source_id if quotation else reference.target
                if source_id in library.sources:
                    seen.setdefault(source_id, library.sources[source_id])
    return list(seen.values())
