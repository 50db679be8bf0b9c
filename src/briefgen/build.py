"""The whole pipeline: load the project, check it, render each pack, write it, report.

Read ``build()`` top to bottom to see every stage (MkDocs' ``commands/build.py`` is the
model). The CLI only parses options and prints the report.
"""

from __future__ import annotations

import difflib
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import click

from briefgen.assemble import PackAssembler
from briefgen.check import check_project
from briefgen.config import load_config
from briefgen.errors import Problems
from briefgen.loader import load_library
from briefgen.model import EDITIONS, Pack, Project
from briefgen.render import Renderer
from briefgen.write import KeepRule, WrittenFile, write_packs

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build wrote, for the CLI to print."""

    files: list[WrittenFile] = field(default_factory=list)
    packs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def load_project(root: Path, consequence: str = "") -> Project:
    """Load and check everything; raise one ContentError listing every problem."""
    problems = Problems()
    config = load_config(root, problems)
    if config is None:
        problems.raise_if_any(consequence)
        raise AssertionError("load_config returned None without reporting a problem")
    library = load_library(config, problems)
    project = Project(config, library)
    check_project(project, problems)
    problems.raise_if_any(consequence)
    return project


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
) -> BuildReport:
    """Build the named packs (all when none are named) into ``out_dir``/<pack>/<edition>/.

    Every pack is made before any is written, so a failure in one leaves all as they were.

    ``formats`` and ``edition`` narrow what each pack builds; files of the formats and
    editions not built are kept from the last build.
    """
    started = time.perf_counter()
    project = load_project(root, consequence="nothing was built")
    packs = select_packs(project, pack_ids)
    output = out_dir if out_dir is not None else root / project.config.output_dir
    renderer = Renderer(project)
    report = BuildReport()
    to_write = []
    pages: dict[Path, int] = {}
    for pack in packs:
        pack_formats = tuple(formats) if formats else pack.formats
        editions = (edition,) if edition else pack.editions
        log.info("Building pack %s (%s; %s)", pack.id, ", ".join(pack_formats), ", ".join(editions))
        assembled = PackAssembler(project, renderer, pack, pack_formats).assemble(editions)
        pack_dir = output / pack.id
        to_write.append((pack_dir, assembled.files, _kept_from_last_build(editions, pack_formats)))
        pages |= {pack_dir / name: count for name, count in assembled.pages.items()}
        report.warnings += assembled.warnings
        report.packs.append(pack.id)
    report.files = [replace(f, pages=pages.get(f.path)) for f in write_packs(to_write)]
    report.seconds = time.perf_counter() - started
    return report


def _kept_from_last_build(editions: tuple[str, ...], formats: tuple[str, ...]) -> KeepRule:
    """Which files of the last build a narrower build carries over (the rest go)."""
    built_suffixes = {f".{fmt}" for fmt in formats}

    def keep(path: str) -> bool:
        edition, _, name = path.partition("/")
        if edition not in EDITIONS or not name:
            return False  # not in an edition folder: an older layout, replaced
        return edition not in editions or Path(name).suffix not in built_suffixes

    return keep


def select_packs(project: Project, pack_ids: Sequence[str]) -> list[Pack]:
    """The packs asked for, in the order given; every pack when none are named."""
    packs = project.config.packs
    for pack_id in pack_ids:
        if pack_id not in packs:
            close = difflib.get_close_matches(pack_id, list(packs), n=1)
            suggestion = f" Did you mean '{close[0]}'?" if close else ""
            raise click.UsageError(
                f"there is no pack '{pack_id}' in briefgen.yaml.{suggestion} "
                f"Packs: {', '.join(packs)}."
            )
    return [packs[pack_id] for pack_id in dict.fromkeys(pack_ids)] or list(packs.values())
