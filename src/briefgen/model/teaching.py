"""The classroom material around the briefs: glossary, timeline, comparison, questions,
exercises and teaching notes.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.model.content import Location, Prose, SourceDate

# Languages of the sources' country in which a glossary term may be given: name -> tag.
TERM_LANGUAGES = {"dari": ("Dari", "prs"), "pashto": ("Pashto", "ps")}


@dataclass(frozen=True)
class TermForm:
    """A glossary term as written in Dari or Pashto (Arabic script, right to left)."""

    language: str  # "Dari"
    tag: str  # BCP 47: "prs", "ps"
    text: str


@dataclass(frozen=True)
class GlossaryEntry:
    """A term the sources use, defined in our words; background kept apart in ``context``."""

    term: str
    definition: str
    source_ids: tuple[str, ...]
    location: Location
    expansion: str = ""
    also: tuple[str, ...] = ()
    context: str = ""
    short: str = ""  # one sentence, for a printed handout: its page has room for no more
    quote_id: str | None = None
    forms: tuple[TermForm, ...] = ()  # Dari and Pashto, only where a reliable form is known

    @property
    def anchor(self) -> str:
        return "term-" + "-".join("".join(c if c.isalnum() else " " for c in self.term).split())


@dataclass(frozen=True)
class TimelineEntry:
    """A dated event a source states (or outside context, with its own citation)."""

    date: SourceDate
    event: str
    location: Location
    source_id: str | None = None
    locator: str = ""
    quote_id: str | None = None
    context: str = ""  # the citation of an outside source, for context entries
    planned: bool = False  # the source reports it as planned for this (later) date


@dataclass(frozen=True)
class ComparisonCell:
    text: str
    quote_id: str
    location: Location


@dataclass(frozen=True)
class ComparisonRow:
    aspect: str
    cells: dict[str, ComparisonCell]
    location: Location


@dataclass(frozen=True)
class Comparison:
    """The sources side by side: one row per aspect, one column per source."""

    title: str
    source_ids: tuple[str, ...]
    rows: tuple[ComparisonRow, ...]
    location: Location


QUESTION_LEVELS = ("recall", "understanding", "application", "analysis", "evaluation")

# What a question may ask students to work out about a source. For a fact the source
# record infers (issuer, date, place) the student edition keeps the fact, marked inferred,
# and leaves out the reasons; perspective and audience it leaves out whole.
INFERRED_FIELDS = ("issuer", "date", "place")
ASKABLE_FIELDS = (*INFERRED_FIELDS, "perspective", "audience")
EVERY_ROW = "all"  # `comparison: all`: every row of the comparison


@dataclass(frozen=True)
class Asked:
    """One thing a question or exercise asks students to work out, which the student
    edition therefore leaves blank: a source's field, a comparison row or a brief's section.
    """

    kind: str  # "source", "comparison" or "brief"
    target: str  # the source id, the row's aspect (or EVERY_ROW), the brief id
    part: str  # the source's field, or the heading of the brief's section; "" for a row
    location: Location


@dataclass(frozen=True)
class Question:
    """A discussion question with answer guidance for the teacher, grounded in quotations."""

    id: str
    level: str
    question: str
    guidance: str
    quotes: tuple[str, ...]
    location: Location
    asks: tuple[Asked, ...] = ()


@dataclass(frozen=True)
class Exercise:
    """A source-analysis exercise: one passage of one source, a few tasks, guidance."""

    id: str
    source_id: str
    title: str
    passage: str
    tasks: tuple[str, ...]
    guidance: str
    location: Location
    quotes: tuple[str, ...] = ()
    asks: tuple[Asked, ...] = ()


@dataclass(frozen=True)
class TeachingNote:
    """Advice for the teacher in our words; in the teacher edition only."""

    id: str
    title: str
    text: Prose
    location: Location
    source_ids: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    pack_ids: tuple[str, ...] = ()  # the packs it is for; else those of its sources or quotes

    @property
    def scoped(self) -> bool:
        """Whether anything says which packs the note is for."""
        return bool(self.pack_ids or self.source_ids or self.quotes)


@dataclass(frozen=True)
class Teaching:
    """The classroom material around the briefs: glossary, timeline, comparison, questions."""

    glossary: tuple[GlossaryEntry, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    comparison: Comparison | None = None
    questions: tuple[Question, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    notes: tuple[TeachingNote, ...] = ()
