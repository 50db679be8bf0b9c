"""The whole pipeline: load the project, check it, render each pack, write it, report.

Read ``build()`` top to bottom to see every stage (MkDocs' ``commands/build.py`` is the
model). The CLI only parses options and prints the report.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.check.advice import content_warnings
from briefgen.check.project import check_project
from briefgen.commands.progress import Progress
from briefgen.errors import ContentError, Problem, Problems, UsageError
from briefgen.load.config import load_config
from briefgen.load.library import load_library
from briefgen.model import EDITIONS, Config, Pack, Project
from briefgen.output.cache import BuildCache
from briefgen.output.inputs import inputs_digest
from briefgen.output.lock import OutputLock
from briefgen.output.write import KeepRule, WrittenFile, remove_abandoned_staging, write_packs
from briefgen.words import did_you_mean, sentences

if TYPE_CHECKING:
    from briefgen.output.assemble import KeptFiles, PackAssembler, PackDraft
    from briefgen.output.pdf import Pdf, PdfJob

    Drafted = tuple["PackPlan", PackAssembler, PackDraft]  # a pack rendered, its PDFs pending

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build did, for the CLI to print."""

    files: list[WrittenFile] = field(default_factory=list)
    packs: list[str] = field(default_factory=list)  # written
    unchanged: list[str] = field(default_factory=list)  # skipped: nothing had changed
    warnings: list[str] = field(default_factory=list)
    laid_out: int = 0  # PDFs laid out by WeasyPrint
    reused: int = 0  # PDFs taken from the cache
    seconds: float = 0.0


@dataclass
class PackPlan:
    """One pack to build: what to make, where, and the key of everything it depends on."""

    pack: Pack
    formats: tuple[str, ...]
    editions: tuple[str, ...]
    folder: Path
    key: str = ""
    laid_out: int = 0  # its PDFs laid out in this build
    reused: int = 0  # its PDFs taken from the cache


@dataclass
class BuildRun:
    """One build's settings and shared state, handed to each of its steps."""

    config: Config
    cache: BuildCache
    report: BuildReport
    progress: Progress
    lock: OutputLock  # held while the output folder is read or written
    pdf_variant: str
    force: bool  # rebuild everything, trusting no cache
    jobs: int | None  # PDF layout processes; None: one per core


def load_project(root: Path, consequence: str = "", config: Config | None = None) -> Project:
    """Load and check everything; raise one ContentError listing every problem."""
    problems = Problems()
    config = config or load_config(root, problems)
    if config is None:
        problems.raise_if_any(consequence)
        raise AssertionError("load_config returned None without reporting a problem")
    library = load_library(config, problems)
    project = Project(config, library)
    check_project(project, problems)
    problems.raise_if_any(consequence)
    return project


def problems_in(root: Path, written: Mapping[Path, int]) -> list[Problem]:
    """The checker's problems in files just written, each from the given line on: the
    project is loaded and checked again, as a build would."""
    try:
        load_project(root)
    except ContentError as error:
        return [
            problem
            for problem in error.problems
            if (path := root / problem.location.path) in written
            and (problem.location.line or 0) >= written[path]
        ]
    return []


def load_readable(root: Path) -> tuple[Project, Problems]:
    """Load whatever content can be read, without checking it, and the problems met."""
    problems = Problems()
    config = load_config(root, problems)
    if config is None:
        problems.raise_if_any("nothing can be listed")
        raise AssertionError("load_config returned None without reporting a problem")
    return Project(config, load_library(config, problems)), problems


def build(
    root: Path,
    pack_ids: Sequence[str] = (),
    out_dir: Path | None = None,
    formats: Sequence[str] | None = None,
    edition: str | None = None,
    *,
    force: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    pdf_variant: str | None = None,
) -> BuildReport:
    """Build the named packs (all when none are named) into ``out_dir``/<pack>/<edition>/.

    Every pack is made before any is written, so a failure in one leaves all as they were.
    A pack whose inputs and output are unchanged since its last build is skipped, and a PDF
    whose HTML is unchanged is reused, unless ``force``. ``jobs`` processes lay out PDFs
    (default: one per core). ``pdf_variant`` overrides the one in briefgen.yaml.

    ``formats`` and ``edition`` narrow what each pack builds; files of the formats and
    editions not built are kept from the last build.
    """
    started = time.perf_counter()
    progress = progress or Progress()
    problems = Problems()
    config = load_config(root, problems)
    if config is None or problems:
        load_project(root, "nothing was built")  # reports these and any in the content
        raise AssertionError("load_project found none of the problems load_config reported")
    output = out_dir if out_dir is not None else root / config.output_dir
    plans = [
        PackPlan(
            pack,
            tuple(formats) if formats else pack.formats,
            (edition,) if edition else pack.editions,
            output / pack.id,
        )
        for pack in select_packs(config, pack_ids)
    ]
    variant = pdf_variant or config.pdf_variant
    with OutputLock(output, progress.waiting) as lock:  # released however the build ends
        if output.is_dir():  # else nothing to read yet: locked just before the first write
            _take(lock)
        cache = BuildCache.for_project(config)
        report = BuildReport(warnings=list(cache.warnings))
        run = BuildRun(config, cache, report, progress, lock, variant, force, jobs)
        inputs = inputs_digest(config)
        progress.started(len(plans))
        try:
            to_build = _changed(run, plans, inputs)
            if to_build:
                drafts, pdfs = _render_and_lay_out(run, to_build)
                _write(run, drafts, pdfs)
                if inputs_digest(config) != inputs:  # edited while building (as under serve)
                    for plan in to_build:
                        cache.forget_inputs(plan.folder)  # so the next build checks it again
        finally:
            progress.finished()
            cache_warning = cache.save()
    if cache_warning:
        run.report.warnings.append(cache_warning)
    run.report.seconds = time.perf_counter() - started
    return run.report


def _take(lock: OutputLock) -> None:
    """Lock the output folder; once no other build can be writing there, remove the
    staging folders that builds killed outright left behind."""
    lock.acquire()
    remove_abandoned_staging(lock.folder, lock.held)


def _changed(run: BuildRun, plans: list[PackPlan], inputs: str) -> list[PackPlan]:
    """The packs to build: those whose inputs or output changed since their last build."""
    to_build = []
    for plan in plans:
        plan.key = run.cache.pack_key(
            inputs, plan.pack.id, plan.formats, plan.editions, run.pdf_variant
        )
        record = None if run.force else run.cache.pack_unchanged(plan.folder, plan.key)
        if record is None:
            to_build.append(plan)
        else:
            log.info("Skipping pack %s: nothing changed since its last build", plan.pack.id)
            run.report.unchanged.append(plan.pack.id)
            run.report.warnings += record.warnings
            run.progress.pack_unchanged(plan.pack.id)
    return to_build


def _render_and_lay_out(
    run: BuildRun, plans: list[PackPlan]
) -> tuple[list[Drafted], dict[str, Pdf]]:
    """Render every pack and lay out the PDFs that changed (in worker processes).

    Neither needs the output lock: nothing here reads or writes the output folder.
    """
    from briefgen.output.pdf import Pdf
    from briefgen.output.workers import PdfLayout, available_cores

    pdfs: dict[str, Pdf] = {}
    cache, report, progress = run.cache, run.report, run.progress

    def laid_out(job: PdfJob, pdf: Pdf, seconds: float) -> None:
        cache.store_pdf(cache.pdf_key(job.digest), pdf.data, pdf.pages, pdf.warnings, pdf.resources)
        report.laid_out += 1
        progress.laid_out(job.name, pdf.pages, seconds)

    drafts: list[Drafted] = []
    with PdfLayout(run.jobs or available_cores(), laid_out) as layout:
        if any("pdf" in plan.formats for plan in plans):
            layout.start_early()  # the workers get ready while this process renders
        from briefgen.output.assemble import PackAssembler  # Jinja and the rest: only now
        from briefgen.render.pages import Renderer

        project = load_project(run.config.root, "nothing was built", config=run.config)
        run.report.warnings += content_warnings(project)
        renderer = Renderer(project)
        for index, plan in enumerate(plans, start=1):
            pack = plan.pack
            progress.rendering(pack.id, index, len(plans))
            log.info(
                "Building pack %s (%s; %s)",
                pack.id,
                ", ".join(plan.formats),
                ", ".join(plan.editions),
            )
            assembler = PackAssembler(
                project, renderer, pack, plan.formats, run.pdf_variant, cache, not run.force
            )

            def ready(jobs: list[PdfJob], plan: PackPlan = plan) -> None:
                """Reuse the PDFs the cache has; hand the others to the workers now."""
                to_lay_out = []
                for job in jobs:
                    cached = None if run.force else cache.cached_pdf(cache.pdf_key(job.digest))
                    if cached is None:
                        to_lay_out.append(job)
                        continue
                    plan.reused += 1
                    if job.digest not in pdfs:
                        pdfs[job.digest] = Pdf(cached.data, cached.pages, cached.warnings)
                        report.reused += 1
                        progress.reused(job.name)
                plan.laid_out = len(to_lay_out)
                layout.submit(to_lay_out)

            drafts.append((plan, assembler, assembler.draft(plan.editions, ready)))
        progress.laying_out(len(layout.jobs))
        pdfs |= layout.finish()
    return drafts, pdfs


def _write(run: BuildRun, drafts: list[Drafted], pdfs: dict[str, Pdf]) -> None:
    """Complete each pack with its PDFs, then write the packs whose files changed."""
    if not run.lock.held:
        _take(run.lock)
    cache, report, progress = run.cache, run.report, run.progress
    to_write = []
    pages: dict[Path, int] = {}
    for plan, assembler, draft in drafts:
        keep = _kept_from_last_build(plan.editions, plan.formats)
        assembled = assembler.complete(draft, pdfs, _kept_files(plan.folder, keep, cache))
        report.warnings += assembled.warnings
        if not run.force and cache.files_unchanged(plan.folder, assembled.files, keep):
            log.info("Pack %s: every file is as the last build left it", plan.pack.id)
            cache.record_pack(plan.folder, plan.key, {}, assembled.pages, assembled.warnings)
            report.unchanged.append(plan.pack.id)
            progress.pack_unchanged(plan.pack.id)
            continue
        to_write.append((plan, assembled, keep))
        pages |= {plan.folder / name: count for name, count in assembled.pages.items()}
    written = write_packs(
        [(plan.folder, assembled.files, keep) for plan, assembled, keep in to_write],
        cache.recorded_files,
    )
    report.files = [replace(file, pages=pages.get(file.path)) for file in written]
    for file in report.files:
        progress.wrote(file.path, file.size, file.pages)
    for plan, assembled, _ in to_write:
        cache.record_pack(
            plan.folder, plan.key, assembled.files, assembled.pages, assembled.warnings
        )
        report.packs.append(plan.pack.id)
        progress.pack_done(
            plan.pack.id, plan.folder, len(assembled.files), plan.laid_out, plan.reused
        )


def _kept_files(folder: Path, keep: KeepRule, cache: BuildCache) -> KeptFiles:
    """The size and pages of a file the build keeps from the last one, for the index."""
    pages = cache.pages(folder)

    def kept(name: str) -> tuple[int, int | None] | None:
        path = folder / name
        if not keep(name) or not path.is_file():
            return None
        return path.stat().st_size, pages.get(name)

    return kept


def _kept_from_last_build(editions: tuple[str, ...], formats: tuple[str, ...]) -> KeepRule:
    """Which files of the last build a narrower build carries over (the rest go)."""
    built_suffixes = {f".{fmt}" for fmt in formats}

    def keep(path: str) -> bool:
        edition, _, name = path.partition("/")
        if edition not in EDITIONS or not name:
            return False  # not in an edition folder: an older layout, replaced
        return edition not in editions or Path(name).suffix not in built_suffixes

    return keep


def select_packs(config: Config, pack_ids: Sequence[str]) -> list[Pack]:
    """The packs asked for, in the order given; every pack when none are named."""
    packs = config.packs
    for pack_id in pack_ids:
        if pack_id not in packs:
            raise UsageError(
                sentences(
                    f"there is no pack '{pack_id}' in briefgen.yaml.",
                    did_you_mean(pack_id, packs),
                    f"Packs: {', '.join(packs)}.",
                )
            )
    return [packs[pack_id] for pack_id in dict.fromkeys(pack_ids)] or list(packs.values())
