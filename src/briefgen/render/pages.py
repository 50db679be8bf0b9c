"""Render briefs to HTML with Jinja: one page for reading, one for the PDF engine.

Templates are looked up in the project's templates/ first, then in the built-in theme, so
a class can replace any template; ``builtin/NAME`` always names the built-in one, so an
override can extend the template it replaces (Pelican's ``!simple/`` idea).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from briefgen import __version__
from briefgen.errors import RenderError
from briefgen.load import markdown as markup
from briefgen.load.colours import tint
from briefgen.load.config import source_date_epoch
from briefgen.load.fonts import ARABIC_SCRIPT, FAMILIES
from briefgen.model import (
    TEACHER,
    Brief,
    Config,
    Fact,
    Library,
    Location,
    Pack,
    Project,
    Source,
    SourceDate,
    written_date,
)
from briefgen.places import private_folder, user_cache_dir
from briefgen.render import cite, templating
from briefgen.render.builtin_theme import THEME_DIR
from briefgen.render.companion import Companion, edition_note, gather_companion
from briefgen.render.endnotes import NoteMaker
from briefgen.render.handouts import Handout
from briefgen.render.markdown import curly_quotes, inline_prose, keep_last_words
from briefgen.render.markdown import render as render_markdown
from briefgen.render.reader import Reader, locator_link
from briefgen.render.withheld import (
    NOTHING_WITHHELD,
    Withholding,
    asks,
    gather_withholding,
    upper_first,
    withhold_sections,
)
from briefgen.render.worksheet import Worksheet, gather_worksheet
from briefgen.words import number_word

TITLE_BREAK = re.compile(r"(?<=[:?])\s+")
COMPILED_TEMPLATES = "templates-2"  # a new name whenever briefgen changes how it compiles them
TARGETS = ("html", "pdf")


@dataclass(frozen=True)
class RenderedBrief:
    """A brief rendered for each target: the HTML to keep and the HTML to print."""

    brief: Brief
    pages: dict[str, str]  # target -> HTML


def make_environment(config: Config) -> jinja2.Environment:
    """The sandboxed environment, with briefgen's filters; project templates first."""
    return templating.make_environment(
        [config.templates_dir],
        THEME_DIR,
        filters={
            "written_date": lambda day: written_date(day, config.date_style),
            "written": lambda date: date.written(config.date_style),
            "source_date": lambda date: format_source_date(date, config.date_style),
            "fact": format_fact,
            "tint": tint,
            "prose": lambda text: Markup(inline_prose(text)),
            "curly": lambda text: Markup(curly_quotes(text)),
            "keep_ranges": keep_ranges,
            "title_lines": title_lines,
            "locator": locator_html,
            "paragraphs": paragraphs,
            "asks": asks,
            "upper_first": upper_first,
            "number_word": number_word,
            "references": lambda sources: references(sources, config),
            "reference": lambda source: references([source], config)[0],
            "short_note": lambda source, comma=False: short_note(source, config, comma),
            "any_inferred": lambda sources: any(
                cite.has_inferred(source, config.citation_style) for source in sources
            ),
        },
        globals={"generator": f"briefgen {__version__}", "arabic_script": ARABIC_SCRIPT},
        bytecode_cache=_compiled_templates(),
    )


def _compiled_templates() -> jinja2.BytecodeCache | None:
    """Compiled templates, kept in the user's cache: compiling them costs more than
    rendering them."""
    folder = private_folder(user_cache_dir() / COMPILED_TEMPLATES)
    return None if folder is None else templating.ForgivingBytecodeCache(str(folder))


def references(sources: Iterable[Source], config: Config) -> list[Markup]:
    """Full references of the sources, in alphabetical order, as a list of sources is."""
    cited = [cite.cite(source, config.citation_style, config.date_style) for source in sources]
    cited.sort(key=lambda citation: cite.as_text(citation).lstrip("[").casefold())
    return [Markup(cite.as_html(citation)) for citation in cited]


def short_note(source: Source, config: Config, comma: bool = False) -> Markup:
    """An endnote's pointer to a source's full reference, in the Sources list's style; a
    comma after an italic title stays inside its <cite> (Kozea/WeasyPrint#163)."""
    runs = list(cite.short_note(source, config.citation_style))
    if comma:
        runs[-1] = cite.Run(runs[-1].text + ",", runs[-1].italic)
    return Markup(cite.as_html(tuple(runs)))


def format_fact(fact: Fact | None) -> str:
    if fact is None:
        return ""
    return f"{fact.value}\u00a0(inferred)" if fact.inferred else fact.value  # one unit


NUMBER_RANGE = re.compile(r"\d+[\u2013-]\d+")


def title_lines(title: str) -> Markup:
    """A title broken where its phrases meet: after its first colon or question mark, each
    part on a line of its own ("From Reintegration to Recognition?" / "Three Framings ...")
    rather than wherever the line runs out."""
    parts = TITLE_BREAK.split(title, maxsplit=1)
    if len(parts) == 1:
        return keep_ranges(title)
    first, rest = parts
    return Markup('<span class="title-line">{}</span> <span class="title-line">{}</span>').format(
        keep_ranges(first), keep_ranges(rest)
    )


def keep_ranges(text: str) -> Markup:
    """Escape text, keeping number ranges ("2009–2018", "points 1–3") on one line."""
    escaped = str(escape(text))
    return Markup(NUMBER_RANGE.sub(r'<span class="nowrap">\g<0></span>', escaped))


@jinja2.pass_context
def locator_html(context: jinja2.runtime.Context, locator: str, source: Source) -> Markup:
    """A locator, as a link to its place in the source's reader on a web page."""
    text = keep_ranges(locator)
    link = locator_link(source, locator) if context.get("target") == "html" else None
    return Markup('<a class="locator" href="{}">{}</a>').format(link, text) if link else text


def paragraphs(text: str) -> Markup:
    """Plain text with blank lines between paragraphs, as <p> elements (inline Markdown)."""
    parts = [part for part in re.split(r"\n\s*\n", text) if part.strip()]
    return Markup(
        keep_last_words("\n".join(f"<p>{inline_prose(' '.join(p.split()))}</p>" for p in parts))
    )


def format_source_date(date: SourceDate, style: str = "day-month") -> str:
    written = date.written(style)
    return f"{written}\u00a0(inferred)" if date.inferred else written


class Renderer:
    """Renders the briefs of one project; holds the template environment between briefs."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.env = make_environment(project.config)
        self.build_stamp = source_date_epoch()
        self._withholding: dict[tuple[str, str], Withholding] = {}
        self._companions: dict[tuple[str, str], Companion] = {}

    def template_errors(self, given: Iterable[str] = ()) -> AbstractContextManager[None]:
        """Jinja errors as messages naming the template, the line and the fix."""
        return templating.template_errors(self.project.config.templates_dir, given)

    def context(self, **values: Any) -> dict[str, Any]:
        """What every template gets: the issuer and the theme settings, plus ``values``."""
        config = self.project.config
        return {
            "issuer": config.issuer,
            "theme": config.theme,
            "language": config.language,
            "fonts": {
                "body": FAMILIES[config.theme.body_font],
                "headings": FAMILIES[config.theme.heading_font],
            },
            **values,
        }

    def render_brief(
        self,
        brief: Brief,
        targets: tuple[str, ...] = TARGETS,
        withholding: Withholding = NOTHING_WITHHELD,
    ) -> RenderedBrief:
        """The brief for each target; its prose is rendered for each, as a web page links
        each locator to the source's reader and a PDF cannot. ``withholding``: what this
        edition leaves for students to work out (the sections questions ask for)."""
        parsed_lead = markup.parse(brief.lead)
        parsed_body = withhold_sections(
            markup.parse(brief.body), withholding.sections(brief.id), withholding.teacher
        )
        definitions = {**parsed_lead.notes, **parsed_body.notes}
        pages: dict[str, str] = {}
        for target in targets:
            with self.template_errors():
                macros = self.env.get_template("partials/macros.html").make_module(
                    {"target": target}
                )
                notes = NoteMaker(self.project.library, macros, definitions)
                lead = Markup(render_markdown(parsed_lead, notes))
                body = Markup(render_markdown(parsed_body, notes))
            context = self.context(
                brief=brief,
                lead=lead,
                body=body,
                endnotes=notes.endnotes,
                sources=notes.sources_in_order(),
                disclaimer=brief.disclaimer or default_disclaimer(self.project.config),
                withholding=withholding,
                modified=self.build_stamp or brief.date.isoformat(),
            )
            pages |= self._render_targets("brief.html", context, (target,))
        return RenderedBrief(brief, pages)

    def render_companion(
        self, pack: Pack, edition: str, targets: tuple[str, ...] = TARGETS
    ) -> dict[str, str]:
        """The pack's teaching companion in one edition, rendered for each target."""
        return self._render_pack_page(
            "companion.html",
            pack,
            edition,
            targets,
            companion=self.companion(pack, edition),
            briefs=[self.project.library.briefs[brief_id] for brief_id in pack.briefs],
        )

    def render_worksheet(
        self, pack: Pack, edition: str, targets: tuple[str, ...] = TARGETS
    ) -> dict[str, str]:
        """The pack's worksheet in one edition (the teacher's is the mark scheme)."""
        worksheet = self.worksheet(pack, edition)
        return self._render_pack_page("worksheet.html", pack, edition, targets, worksheet=worksheet)

    def render_handout(
        self, handout: Handout, pack: Pack, edition: str, target: str = "html"
    ) -> str:
        """A source's handout: a web page (it prints from the browser), or for Word."""
        companion = self.companion(pack, edition)
        numbers = {question.id: n for n, question in enumerate(companion.questions, start=1)}
        return self._render_pack_page(
            "handout.html",
            pack,
            edition,
            (target,),
            handout=handout,
            source=handout.source,
            # questions keep the companion's numbers, and are answered on the worksheet
            question_numbers=numbers if pack.companion else {},
        )[target]

    def render_reader(self, reader: Reader, pack: Pack, edition: str) -> str:
        """A source's whole text, its units labelled and its quoted passages marked."""
        return self._render_pack_page("reader.html", pack, edition, ("html",), reader=reader)[
            "html"
        ]

    def render_sources(self, readers: list[Reader], pack: Pack, edition: str) -> str:
        """The pack's sources in full, for the PDF: each whole, its units in the margin."""
        return self._render_pack_page("sources.html", pack, edition, ("pdf",), readers=readers)[
            "pdf"
        ]

    def render_index(self, pack: Pack, edition: str, entries: list[Any]) -> str:
        """The pack's index.html: every file of the edition, linked and described."""
        note = (
            self.companion(pack, edition).edition_note
            if pack.companion
            else edition_note(edition == TEACHER, False, False, False)
        )
        return self._render_pack_page(
            "index.html", pack, edition, ("html",), entries=entries, edition_note=note
        )["html"]

    def companion(self, pack: Pack, edition: str) -> Companion:
        """The pack's companion in one edition, gathered once: the brief's withholding,
        the companion, the worksheet, each handout and the index all read it."""
        key = (pack.id, edition)
        if key not in self._companions:
            self._companions[key] = gather_companion(pack, self.project.library, edition)
        return self._companions[key]

    def worksheet(self, pack: Pack, edition: str) -> Worksheet:
        return gather_worksheet(self.companion(pack, edition), self.project.library)

    def withholding(self, pack: Pack, edition: str) -> Withholding:
        """What this edition of the pack leaves for students to work out; nothing when the
        pack has no companion, whose questions would ask for it."""
        key = (pack.id, edition)
        if key not in self._withholding:
            self._withholding[key] = (
                gather_withholding(self.companion(pack, edition))
                if pack.companion
                else NOTHING_WITHHELD
            )
        return self._withholding[key]

    def _render_pack_page(
        self, name: str, pack: Pack, edition: str, targets: tuple[str, ...], **values: Any
    ) -> dict[str, str]:
        """A page of one edition of ``pack`` (dated as the pack), for each target."""
        date = pack_date(pack, self.project.library)
        context = self.context(
            pack=pack,
            edition=edition,
            withholding=self.withholding(pack, edition),
            date=date,
            modified=self.build_stamp or date.isoformat(),
            **values,
        )
        return self._render_targets(name, context, targets)

    def _render_targets(
        self, name: str, context: dict[str, Any], targets: tuple[str, ...]
    ) -> dict[str, str]:
        with self.template_errors(given=[*context, "target"]):
            template = self.env.get_template(name)
            pages = {
                target: templating.render_page(template, context, target=target)
                for target in targets
            }
        for page in pages.values():
            self._refuse_images_without_alt(name, template.filename, page)
        if "html" in pages:
            pages["html"] = sealed(pages["html"])
        return pages

    def _refuse_images_without_alt(self, name: str, filename: str | None, page: str) -> None:
        """An image without alt text is silent to a screen reader and breaks PDF/UA."""
        image = IMAGE_WITHOUT_ALT.search(page)
        if image is None:
            return
        where = Location(Path(filename)) if filename else name
        shown = image.group(0) if len(image.group(0)) <= 80 else image.group(0)[:77] + "..."
        raise RenderError(
            f"{where}: an image in {name} has no alt text: {shown}\n"
            'Add alt="..." saying what the image shows (or alt="" if it is only decoration).'
        )


IMAGE_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt\s*=)[^>]*>", re.IGNORECASE)

# HTML pages are self-contained; this keeps them so whatever a shared template adds: the
# browser runs no script and fetches nothing (links still open when clicked).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)
HEAD_TAG = re.compile(r"<head\b[^>]*>", re.I)


def sealed(html: str) -> str:
    """The page with the Content-Security-Policy first in its head, before anything it loads."""
    policy = f'\n<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
    head = HEAD_TAG.search(html)
    if head is None:
        return policy.lstrip() + "\n" + html
    return html[: head.end()] + policy + html[head.end() :]


def pack_date(pack: Pack, library: Library) -> dt.date:
    """A pack is as recent as its latest brief: the date its companion carries."""
    return max(library.briefs[brief_id].date for brief_id in pack.briefs)


def default_disclaimer(config: Config) -> str:
    """Under the title, as the ISSI Issue Brief has it; "its writers" fit one author or a
    team."""
    return (
        "(Views expressed in this brief are those of its writers, and do not necessarily "
        f"represent those of {config.issuer.disclaimer_name})"
    )
