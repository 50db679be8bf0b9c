"""A project: its settings from briefgen.yaml (issuer, theme, packs) and its library of content."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from briefgen.model.content import Brief, Location, Quotation, Source
from briefgen.model.teaching import Teaching

PAPER_SIZES = ("A4", "letter")
FORMATS = ("pdf", "html", "docx")
DEFAULT_FORMATS = ("pdf", "html")  # Word documents when a pack asks for them
EDITIONS = ("student", "teacher")
STUDENT, TEACHER = EDITIONS  # the teacher edition adds the answers and teaching notes
# The parts of the teaching companion a pack can choose; the teacher edition adds the
# answer guidance, the source-analysis key and the teaching notes to whichever it keeps.
COMPANION_SECTIONS = ("sources", "comparison", "timeline", "glossary", "questions", "exercises")


# Images a project may hold (the logo, pictures its templates show), by file suffix.
IMAGE_MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}


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
class ReadingLevel:
    """The highest Flesch-Kincaid grade a student's texts may read at; briefs may differ."""

    grade: float
    briefs: float | None = None

    def for_text(self, in_brief: bool) -> float:
        return self.briefs if in_brief and self.briefs is not None else self.grade


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
    reading_level: ReadingLevel | None = None
    date_style: str = "day-month"  # how every date of a pack is written (DATE_STYLES)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"


@dataclass(frozen=True)
class Figure:
    """A map or picture from a project file, with words for it: inlined wherever it shows,
    in a brief (`{{< figure ID >}}`) or at the head of the companion."""

    id: str
    path: Path = field(repr=False)
    media_type: str
    data: bytes = field(repr=False)
    alt: str  # what it shows, for a screen reader and the tagged PDF
    caption: str
    credit: str  # whose it is, and its licence
    location: Location
    companion: bool = False

    @cached_property
    def data_uri(self) -> str:
        import base64

        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


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
    figures: dict[str, Figure] = field(default_factory=dict)


@dataclass(frozen=True)
class Project:
    config: Config
    library: Library
