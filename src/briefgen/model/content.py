"""The content a pack is made of: sources, their quotations and the briefs, with where each
was written so every problem can be reported as file:line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

NBSP = "\u00a0"  # written dates never break across lines
HANDOUT_QUOTES = (3, 5)  # how many quotations a source's one-page handout shows


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

    def written(self, style: str = "day-month") -> str:
        """The date as the pack's `date_style` writes it: "6 June 2017" (day-month),
        "June 6, 2017" (month-day), "June 06, 2017" (issue-brief); "June 2017",
        "late 2009" whatever the style."""
        if self.month and self.day:
            text = written_date(dt.date(self.year, self.month, self.day), style)
        elif self.month:
            text = dt.date(self.year, self.month, 1).strftime(f"%B{NBSP}%Y")
        else:
            text = str(self.year)
        return f"{self.qualifier}{NBSP}{text}" if self.qualifier else text


DATE_STYLES = ("day-month", "month-day", "issue-brief")


def written_date(day: dt.date, style: str = "day-month") -> str:
    """A day as ``style`` writes it: "9 March 2018", "March 9, 2018" or, as the ISSI
    Issue Brief does, "March 09, 2018"."""
    month = day.strftime("%B")
    if style == "month-day":
        return f"{month}{NBSP}{day.day},{NBSP}{day.year}"
    if style == "issue-brief":
        return f"{month}{NBSP}{day.day:02d},{NBSP}{day.year}"
    return f"{day.day}{NBSP}{month}{NBSP}{day.year}"


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
class Part:
    """A stretch of a source's text: a unit its locators count ("point 3"), a section's
    heading, or words outside the document itself (a web copy's navigation)."""

    kind: str  # "unit", "heading" or "outside"
    label: str  # "point 3", "Guiding principles", "the website's navigation"
    section: str  # the section it belongs to; "" for none
    start: int  # where it runs in the source's text, as offsets
    end: int
    ours: bool = False  # a heading the source does not give: the section's name is ours

    @property
    def name(self) -> str:
        """How a locator names it: "Guiding principles, point 3", "para. 7"."""
        in_section = self.section and self.kind == "unit"
        return f"{self.section}, {self.label}" if in_section else self.label


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
    # who the issuer is, from outside the source (with its citation): editors' background
    background: str = ""
    handout_quotes: tuple[str, ...] = ()  # the 3-5 quotations its handout shows; () to choose
    # for citations: where the source is online, and when that web copy was read
    url: str | None = None
    accessed: dt.date | None = None
    archive_url: str | None = None  # a lasting copy (a web archive's), never invented
    # the units its locators count, in text order; by default its paragraphs (at blank lines)
    parts: tuple[Part, ...] = ()
    structure_declared: bool = False


@dataclass(frozen=True)
class Quotation:
    """A verbatim passage of a source, with where it is and why it matters."""

    id: str
    source_id: str
    text: str
    locator: str
    location: Location
    note: str = ""  # why it matters: our commentary, for the teacher edition
    tags: tuple[str, ...] = ()  # themes, in words: "Taliban position"
    copy_note: str = ""  # how our copy prints these words: for every reader

    def tagged(self, tag: str) -> bool:
        """Whether a theme is among the tags, however it is typed: --tag taliban-position
        finds "Taliban position"."""
        return _tag_key(tag) in {_tag_key(own) for own in self.tags}


def _tag_key(tag: str) -> str:
    spaced = tag.replace("-", " ").replace("_", " ").replace("’", "").replace("'", "")
    return " ".join(spaced.casefold().split())


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
