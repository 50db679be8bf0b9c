"""Assemble a pack's files: every document of every edition, and the index linking them.

An edition is a folder a teacher can hand over whole: output/<pack>/student/ holds the
brief, the companion without answers, the handouts and an index.html; teacher/ holds the
same with answer guidance and teaching notes. The brief is the same in both, so it is
laid out once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from briefgen.model import TEACHER, Brief, Pack, Project, Source
from briefgen.output.pdf import Pdf, PdfJob
from briefgen.output.printed import count_printed_pages, printed_pages
from briefgen.render.companion import pack_sources
from briefgen.render.handouts import Handout, gather_handout
from briefgen.render.pages import Renderer
from briefgen.render.reader import gather_reader, reader_name
from briefgen.words import count, listed

if TYPE_CHECKING:  # lxml and python-docx: imported only when a build writes Word documents
    from briefgen.output.docx import WordDocument
    from briefgen.output.word_writer import WordStore, WordWriter

log = logging.getLogger(__name__)

KeptFiles = Callable[[str], tuple[int, int | None] | None]  # path -> (size, pages) if kept
COMPANION_NAME = "companion"
WORKSHEET_NAME = "worksheet"
SOURCES_NAME = "sources"  # the PDF of every source in full
INDEX_NAME = "index.html"
KINDS = {"pdf": "PDF", "docx": "Word document", "html": "Web page"}
WEB_TARGETS = ("html", "pdf")
KINDS_KEPT = ("pdf", "docx")  # listed before and after a web page
KEPT_GROUPS = {  # the documents each format is made for, beside their web pages
    "pdf": ("brief", "companion", "worksheet"),
    "docx": ("brief", "worksheet", "handout"),
}  # the formats rendered from a page of their own
SECTION_NAMES = {
    "sources": "source guides with numbered quotations",
    "comparison": "a comparison table",
    "timeline": "a timeline",
    "glossary": "a glossary",
    "questions": "discussion questions",
    "exercises": "source-analysis exercises",
}


@dataclass(frozen=True)
class PackEntry:
    """One file of an edition, with what its index says about it."""

    name: str
    title: str
    description: str
    group: str  # brief, companion, worksheet, handout or reader
    data: bytes = field(repr=False)
    pages: int | None = None
    job: PdfJob | None = field(default=None, repr=False)  # a PDF still to be laid out
    written: Future[WordDocument] | None = field(default=None, repr=False)  # on its way
    kept_size: int | None = None  # a file kept from the last build, not made this time

    @property
    def kind(self) -> str:
        return KINDS.get(self.name.rpartition(".")[2], "Web page")

    @property
    def size(self) -> int:
        return len(self.data) if self.kept_size is None else self.kept_size


@dataclass
class AssembledPack:
    files: dict[str, bytes] = field(default_factory=dict)  # path in the pack folder -> bytes
    pages: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class PackDraft:
    """A pack rendered to HTML, with its PDFs still to lay out (perhaps in other processes)."""

    pack: Pack
    editions: dict[str, list[PackEntry]] = field(default_factory=dict)

    @property
    def pdf_jobs(self) -> list[PdfJob]:
        entries = [entry for entries in self.editions.values() for entry in entries]
        return list({entry.job.digest: entry.job for entry in entries if entry.job}.values())


def output_name(pack: Pack, brief: Brief) -> str:
    """The pack's first brief is its main brief, written as brief.*; others by their id."""
    return "brief" if brief.id == pack.briefs[0] else brief.id


def handout_sources(pack: Pack, project: Project) -> list[Source]:
    """The sources that get a handout: those the pack names, else every one it uses."""
    library = project.library
    if pack.handouts is None:
        return pack_sources(pack, library)
    return [library.sources[source_id] for source_id in pack.handouts]


def reader_sources(pack: Pack, project: Project) -> list[Source]:
    """The sources whose readers the pack holds: every one it uses or gives a handout."""
    sources = pack_sources(pack, project.library) + handout_sources(pack, project)
    return list({source.id: source for source in sources}.values())


class PackAssembler:
    """Renders and lays out the documents of one pack in the given formats."""

    def __init__(
        self,
        project: Project,
        renderer: Renderer,
        pack: Pack,
        formats: tuple[str, ...],
        pdf_variant: str | None = None,
        word_store: WordStore | None = None,
        reuse_words: bool = True,  # False under --force: every Word document written again
    ) -> None:
        self.project = project
        self.renderer = renderer
        self.pack = pack
        self.formats = formats
        self.pdf_variant = pdf_variant or project.config.pdf_variant
        self._word: WordWriter | None = None
        self._word_store, self._reuse_words = word_store, reuse_words

    def draft(
        self, editions: tuple[str, ...], ready: Callable[[list[PdfJob]], None] = lambda jobs: None
    ) -> PackDraft:
        """Every document of each edition rendered, the PDFs as jobs to lay out. ``ready``
        is handed the PDF jobs before the handouts are laid out here to count their
        printed pages, so that the workers lay out the PDFs meanwhile."""
        draft, parts = PackDraft(self.pack), {}
        for edition in editions:
            entries = self._briefs(edition)
            if self.pack.companion:
                entries += self._companion(edition) + self._worksheet(edition)
            parts[edition] = (entries, self._readers(edition))
            draft.editions[edition] = [*entries, *parts[edition][1]]
        ready(draft.pdf_jobs)
        if "html" in self.formats or "docx" in self.formats:
            for edition, (entries, readers) in parts.items():
                draft.editions[edition] = [*entries, *self._handouts(edition), *readers]
        return draft

    def complete(
        self, draft: PackDraft, pdfs: Mapping[str, Pdf], kept: KeptFiles = lambda name: None
    ) -> AssembledPack:
        """Every file of each edition, keyed by its path in the pack folder: the laid-out
        PDFs (by HTML digest) filled in, and each edition's index, which lists their pages.

        When only the web pages are built, the index still lists the PDFs and Word
        documents ``kept`` from the last build (``kept`` gives a file's size and pages, or
        None if it is not there).
        """
        result = AssembledPack()
        warnings = []
        for edition, drafted in draft.editions.items():
            entries = []
            for entry in self._with_kept_files(edition, drafted, kept):
                if entry.kept_size is not None:
                    entries.append(entry)
                    continue
                if entry.written is not None:
                    document = entry.written.result()
                    warnings += [
                        f"{self.pack.id}/{edition}/{entry.name}: {message}"
                        for message in document.warnings
                    ]
                    entry = replace(entry, data=document.data, written=None)
                if entry.job is not None:
                    pdf = pdfs[entry.job.digest]
                    warnings += [f"{entry.job.name}: {message}" for message in pdf.warnings]
                    entry = replace(entry, data=pdf.data, pages=pdf.pages, job=None)
                entries.append(entry)
                result.files[f"{edition}/{entry.name}"] = entry.data
                if entry.pages is not None:
                    result.pages[f"{edition}/{entry.name}"] = entry.pages
            if "html" in self.formats:
                index = self.renderer.render_index(self.pack, edition, entries)
                result.files[f"{edition}/{INDEX_NAME}"] = index.encode("utf-8")
        result.warnings = list(dict.fromkeys(warnings))
        if self._word is not None:
            self._word.close()
        return result

    def _with_kept_files(
        self, edition: str, entries: list[PackEntry], kept: KeptFiles
    ) -> list[PackEntry]:
        """The entries, with the PDFs and Word documents the pack lists but this build does
        not make, where the last build left them."""
        pack_formats = self.pack.formats
        missing = [k for k in KINDS_KEPT if k in pack_formats and k not in self.formats]
        if not missing:
            return entries
        kept_entries = []
        for entry in entries:
            if entry.name.endswith(".pdf") and "pdf" in missing:  # with no web page: if kept
                found = kept(f"{edition}/{entry.name}")
                if found is not None:
                    kept_entries.append(replace(entry, pages=found[1], kept_size=found[0]))
                continue
            before, after = (
                self._kept_as(entry, kind, edition, kept, missing) for kind in KINDS_KEPT
            )
            kept_entries += [*before, entry, *after]
        return kept_entries

    def _word_writer(self) -> WordWriter:
        if self._word is None:
            from briefgen.output.word_writer import WordWriter

            theme = self.project.config.theme
            self._word = WordWriter(theme, self._word_store, self._reuse_words)
        return self._word

    @staticmethod
    def _kept_as(
        entry: PackEntry, kind: str, edition: str, kept: KeptFiles, missing: list[str]
    ) -> list[PackEntry]:
        """The document of a web page ``entry`` as a kept file of ``kind``, if there is one."""
        if kind not in missing or entry.group not in KEPT_GROUPS[kind]:
            return []
        if not entry.name.endswith(".html"):
            return []
        name = entry.name.removesuffix(".html") + f".{kind}"
        found = kept(f"{edition}/{name}")
        if found is None:
            return []
        return [replace(entry, name=name, pages=found[1], kept_size=found[0])]

    def _briefs(self, edition: str) -> list[PackEntry]:
        """Each brief as this edition shows it: the same in every edition unless questions
        ask students to work out what it says (a PDF the same in both is laid out once)."""
        withholding = self.renderer.withholding(self.pack, edition)
        entries = []
        for brief in (self.project.library.briefs[brief_id] for brief_id in self.pack.briefs):
            pages = self.renderer.render_brief(brief, self.formats, withholding).pages
            description = brief.subject or f"By {brief.author}."
            name = output_name(self.pack, brief)
            shown = f"{edition}/{name}" if withholding.askers else name
            entries += self._documents(name, shown, pages, brief.title, description, "brief")
        return entries

    def _companion(self, edition: str) -> list[PackEntry]:
        targets = tuple(target for target in self.formats if target in WEB_TARGETS)
        pages = self.renderer.render_companion(self.pack, edition, targets=targets)
        kept = [SECTION_NAMES[section] for section in self.pack.sections]
        if edition == TEACHER:
            extra = "With answer guidance, the key to the exercises and teaching notes."
        else:
            extra = "Questions and exercises without answers."
        sections = listed(kept)
        description = f"{sections[:1].upper()}{sections[1:]}. {extra}"
        title = f"Teaching companion ({edition} edition)"
        shown = f"{edition}/{COMPANION_NAME}"
        return self._documents(COMPANION_NAME, shown, pages, title, description, "companion")

    def _worksheet(self, edition: str) -> list[PackEntry]:
        """The worksheet, when the companion has anything to answer; the teacher's is the
        mark scheme."""
        worksheet = self.renderer.worksheet(self.pack, edition)
        if worksheet.empty:
            return []
        parts = []
        if worksheet.questions:
            parts.append(count(len(worksheet.questions), "question"))
        if worksheet.exercises:
            parts.append(count(len(worksheet.exercises), "source-analysis exercise"))
        if worksheet.comparison:
            parts.append("the comparison grid")
        if edition == TEACHER:
            title = "Mark scheme for the worksheet (teacher edition)"
            description = (
                f"The worksheet with what a good answer covers in each space: {listed(parts)}."
            )
        else:
            title = "Worksheet (student edition)"
            description = f"To print and answer on: {listed(parts)}, with room to write."
        pages = self.renderer.render_worksheet(self.pack, edition, targets=self.formats)
        shown = f"{edition}/{WORKSHEET_NAME}"
        return self._documents(WORKSHEET_NAME, shown, pages, title, description, "worksheet")

    def _handouts(self, edition: str) -> list[PackEntry]:
        """Each handout, as a web page and (if asked) a Word document. The page says how
        many pages it prints on: counted when the build makes PDFs; an HTML-only build
        (WeasyPrint unloaded) promises those counted before, if any."""
        entries = []
        for source in handout_sources(self.pack, self.project):
            handout = gather_handout(source, self.project.library, teacher=edition == TEACHER)
            parts = ["summary", "key points", f"{len(handout.quotations)} quotations"]
            if handout.glossary:
                parts.append("glossary")
            if handout.questions:
                parts.append("questions" + (" with answer guidance" if handout.teacher else ""))
            title = f"Handout: {source.short_title}"
            if "html" in self.formats:
                html, printed = self._handout_page(handout, edition)
                description = f"On {source.title}: {listed(parts)}.{printed}"
                data = html.encode("utf-8")
                entries.append(PackEntry(handout.file_name, title, description, "handout", data))
            if "docx" in self.formats:
                page = self.renderer.render_handout(handout, self.pack, edition, "docx")
                name = handout.file_name.removesuffix(".html") + ".docx"
                written = self._word_writer().submit(page, f"{self.pack.id}/{edition}/{name}")
                description = f"On {source.title}, to edit: {listed(parts)}."
                entries.append(PackEntry(name, title, description, "handout", b"", written=written))
        return entries

    def _handout_page(self, handout: Handout, edition: str) -> tuple[str, str]:
        """A handout's web page, and what it says of the pages it prints on."""
        html = self.renderer.render_handout(handout, self.pack, edition)
        name = f"{self.pack.id}/{edition}/{handout.file_name}"
        pages = count_printed_pages(html, name, self.project.config, "pdf" in self.formats)
        if pages is None:
            return html, ""
        handout = replace(handout, printed_pages=pages)
        return self.renderer.render_handout(handout, self.pack, edition), f" {printed_pages(pages)}"

    def _readers(self, edition: str) -> list[PackEntry]:
        """Each source the pack uses, whole, its units labelled as the locators cite them:
        a web page each, and all of them in one PDF to print."""
        readers = [
            gather_reader(source, self.project.library)
            for source in reader_sources(self.pack, self.project)
        ]
        entries = []
        if "pdf" in self.pack.formats and readers:
            job = None  # an HTML-only build lists the PDF kept from the last build
            if "pdf" in self.formats:
                html = self.renderer.render_sources(readers, self.pack, edition)
                # the same in every edition, unless questions ask for what it says
                asks = self.renderer.withholding(self.pack, edition).askers
                name = f"{self.pack.id}/{f'{edition}/' if asks else ''}{SOURCES_NAME}.pdf"
                job = PdfJob.for_project(html, name, self.project.config, self.pdf_variant)
            titles = listed([reader.source.short_title for reader in readers])
            description = f"{titles}, whole, to print: each part labelled in the margin."
            title = "All the sources, to print"
            entries.append(
                PackEntry(f"{SOURCES_NAME}.pdf", title, description, "reader", b"", job=job)
            )
        if "html" not in self.formats:
            return entries
        for reader in readers:
            source = reader.source
            html = self.renderer.render_reader(reader, self.pack, edition)
            marked = f"; the {count(reader.quoted, 'passage')} the pack quotes marked"
            entries.append(
                PackEntry(
                    name=f"{reader_name(source)}.html",
                    title=f"Source: {source.short_title}",
                    description=(
                        f"The whole text of {source.title}, each part labelled as the pack "
                        f"cites it{marked if reader.quoted else ''}."
                    ),
                    group="reader",
                    data=html.encode("utf-8"),
                )
            )
        return entries

    def _documents(
        self,
        name: str,
        shown: str,
        pages: dict[str, str],
        title: str,
        description: str,
        group: str,
    ) -> list[PackEntry]:
        """The PDF, HTML and Word files of one document, as the formats ask; the PDF as a job,
        the Word document on its way.

        ``shown`` names the document in messages: "brief", or "teacher/companion".
        """
        made = []
        if "pdf" in pages:
            config = self.project.config
            job_name = f"{self.pack.id}/{shown}.pdf"
            job = PdfJob.for_project(pages["pdf"], job_name, config, self.pdf_variant)
            made.append(PackEntry(f"{name}.pdf", title, description, group, b"", job=job))
        if "html" in pages:
            made.append(
                PackEntry(f"{name}.html", title, description, group, pages["html"].encode("utf-8"))
            )
        if "docx" in pages:
            written = self._word_writer().submit(pages["docx"], f"{self.pack.id}/{shown}.docx")
            made.append(PackEntry(f"{name}.docx", title, description, group, b"", written=written))
        return made
