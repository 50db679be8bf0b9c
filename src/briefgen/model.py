"""The content model: typed records built once by the loaders and passed down the pipeline.

Templates receive these objects, never raw YAML, so a template can rely on every field
being present and of the right type.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

PAPER_SIZES = ("A4", "letter")
FORMATS = ("pdf", "html")
EDITIONS = ("student", "teacher")
# The parts of the teaching companion a pack can choose; the teacher edition adds the
# answer guidance, the source-analysis key and the teaching notes to whichever it keeps.
COMPANION_SECTIONS = ("sources", "comparison", "timeline", "glossary", "questions", "exercises")
NBSP = "\u00a0"  # written dates never break across lines


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file, so every problem can be reported as file:line."""

    path: Path
    line: int | None = None
    column: int | None = None

    def __repr__(self) -> str:
        """Names the file only: a template printing a record must not show where it lives."""
        return f"Location({self.path.name!r}, line={self.line})"

    def __str__(self) -> str:
        try:  # the folder resolved, not the file: a link is shown where it is, not its target
            shown = (self.path.parent.resolve() / self.path.name).relative_to(Path.cwd().resolve())
        except ValueError:
            shown = self.path
        if not self.line:
            return str(shown)
        return f"{shown}:{self.line}:{self.column}" if self.column else f"{shown}:{self.line}"


@dataclass(frozen=True)
class Fact:
    """A value about a source that is either stated in it or inferred, with the reason."""

    value: str
    inferred: str | None = None


@dataclass(frozen=True)
class SourceDate:
    """A date no more precise than the evidence: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str | None = None  # early, mid, late, circa, before
    inferred: str | None = None

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def written(self) -> str:
        """The date as a reader expects it: "6 June 2017", "June 2017", "late 2009".

        Day first, as in the sources' own prose; only a brief's title block keeps the
        issue-brief style of ``written_date``.
        """
        if self.month and self.day:
            text = f"{self.day}{NBSP}" + dt.date(self.year, self.month, 1).strftime(f"%B{NBSP}%Y")
        elif self.month:
            text = dt.date(self.year, self.month, 1).strftime(f"%B{NBSP}%Y")
        else:
            text = str(self.year)
        return f"{self.qualifier}{NBSP}{text}" if self.qualifier else text


def written_date(day: dt.date) -> str:
    """The issue-brief date style: "March 09, 2018"."""
    return day.strftime(f"%B{NBSP}%d,{NBSP}%Y")


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None = None


@dataclass(frozen=True)
class TextGap:
    """A place where the copy of a source is broken: words after ``after`` are lost."""

    after: str
    note: str = ""


@dataclass(frozen=True)
class Prose:
    """Markdown text with the line it starts on in its file, for error locations."""

    text: str
    location: Location


@dataclass(frozen=True)
class KeyPoint:
    """One point a source makes, in our words, backed by quotations of that source."""

    text: str
    quotes: tuple[str, ...]
    location: Location


@dataclass(frozen=True)
class Source:
    """A public document the pack is built on, with its full text for checking quotations."""

    id: str
    title: str
    kind: str
    issuer: Fact
    date: SourceDate
    text: str
    text_path: Path = field(repr=False)  # no local path where a template may print it
    location: Location
    short_title: str = ""  # for repeat citations; the full title when empty
    authors: tuple[Person, ...] = ()
    editor: str | None = None
    place: Fact | None = None
    glued_footnote_numbers: bool = False
    copy_notes: tuple[str, ...] = ()
    gaps: tuple[TextGap, ...] = ()
    # the source guide: our words about the source, for the pack's companion
    summary: Prose | None = None
    key_points: tuple[KeyPoint, ...] = ()
    perspective: str = ""
    audience: str = ""
    handout_quotes: tuple[str, ...] = ()  # the 3-5 quotations its handout shows; () to choose
    # for citations: where the source is online, and when that web copy was read
    url: str | None = None
    accessed: dt.date | None = None


@dataclass(frozen=True)
class Quotation:
    """A verbatim passage of a source, with where it is and why it matters."""

    id: str
    source_id: str
    text: str
    locator: str
    location: Location
    note: str = ""
    tags: tuple[str, ...] = ()


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


@dataclass(frozen=True)
class Question:
    """A discussion question with answer guidance for the teacher, grounded in quotations."""

    id: str
    level: str
    question: str
    guidance: str
    quotes: tuple[str, ...]
    location: Location


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


@dataclass(frozen=True)
class TeachingNote:
    """Advice for the teacher in our words; in the teacher edition only."""

    id: str
    title: str
    text: Prose
    location: Location
    source_ids: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Teaching:
    """The classroom material around the briefs: glossary, timeline, comparison, questions."""

    glossary: tuple[GlossaryEntry, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    comparison: Comparison | None = None
    questions: tuple[Question, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    notes: tuple[TeachingNote, ...] = ()


@dataclass(frozen=True)
class Brief:
    """An issue brief: title block fields from front matter, lead and body in Markdown."""

    id: str
    title: str
    short_title: str
    author: str
    author_role: str
    editor: str
    date: dt.date
    lead: Prose
    body: Prose
    location: Location
    subject: str = ""
    keywords: tuple[str, ...] = ()
    disclaimer: str | None = None


@dataclass(frozen=True)
class Logo:
    """The issuer's logo, read once from a project file and inlined into every page."""

    path: Path = field(repr=False)  # no local path where a template may print it
    media_type: str
    data: bytes = field(repr=False)
    alt: str

    @cached_property
    def data_uri(self) -> str:
        """Computed once: every page of every edition inlines it."""
        import base64

        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class Issuer:
    """Who publishes the pack: named in the masthead, the disclaimer and the metadata."""

    name: str
    short_name: str | None = None
    contact: tuple[str, ...] = ()
    logo: Logo | None = None

    @property
    def disclaimer_name(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class Theme:
    """Look settings from briefgen.yaml, applied without editing any template."""

    paper: str = "A4"
    accent: str = "#1d4f73"
    body_font: str = "Charis SIL"
    heading_font: str = "Noto Sans"


@dataclass(frozen=True)
class Pack:
    """A set of documents built together into output/<pack id>/."""

    id: str
    title: str
    briefs: tuple[str, ...]
    formats: tuple[str, ...]
    location: Location
    description: str = ""
    companion: bool = True  # also build the teaching companion for the pack's sources
    editions: tuple[str, ...] = EDITIONS
    sections: tuple[str, ...] = COMPANION_SECTIONS
    handouts: tuple[str, ...] | None = None  # source ids; None: every source the pack uses


# PDF variants a pack may be made as (WeasyPrint's names): tagged and accessible by default;
# the PDF/A ones are archival, and their "a" levels are tagged too.
PDF_VARIANTS = {
    "pdf/ua-1": "tagged for screen readers (PDF/UA-1); the default",
    "pdf/a-2a": "archival (PDF/A-2a), also tagged",
    "pdf/a-3a": "archival (PDF/A-3a), also tagged",
    "pdf/a-2b": "archival (PDF/A-2b), not tagged",
    "pdf/a-3b": "archival (PDF/A-3b), not tagged",
}
DEFAULT_PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class Config:
    """The project settings from briefgen.yaml."""

    root: Path
    path: Path
    issuer: Issuer
    packs: dict[str, Pack]
    language: str = "en"
    theme: Theme = field(default_factory=Theme)
    output_dir: Path = Path("output")
    pdf_variant: str = DEFAULT_PDF_VARIANT
    citation_style: str = "apa"  # of the Sources list: apa, chicago or mla

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"


@dataclass(frozen=True)
class Library:
    """Everything under content/, keyed by id."""

    sources: dict[str, Source]
    quotations: dict[str, Quotation]
    briefs: dict[str, Brief]
    # ids of records whose files exist but could not be loaded: the loader has already
    # reported them, so references to them are not reported again as unknown
    unreadable: frozenset[str] = frozenset()
    # False when a quotations file could not be read at all, so its ids are unknown
    quotations_complete: bool = True
    teaching: Teaching = field(default_factory=Teaching)


@dataclass(frozen=True)
class Project:
    config: Config
    library: Library
