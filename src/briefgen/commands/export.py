"""`briefgen export PACK --lms moodle`: one edition of a pack, ready to import into a
school's learning platform, so that no teacher retypes its questions.

The content is checked first, as for a build. The file is written in the output folder,
beside the packs' own folders (which a build keeps to its own files), or to --out, and
never over an existing file without --force.
"""

from __future__ import annotations

from pathlib import Path

import click

from briefgen.commands.build import build, load_project, select_packs
from briefgen.commands.progress import QUIET, ConsoleProgress, shown
from briefgen.errors import BriefgenError, UsageError
from briefgen.model import STUDENT, Config, Library
from briefgen.output.cartridge import common_cartridge
from briefgen.output.files import write_in
from briefgen.output.moodle import moodle_questions
from briefgen.render.companion import gather_companion
from briefgen.words import count


def export(root: Path, pack_id: str, lms: str, edition: str, out: Path | None, force: bool) -> None:
    """Write the edition as a file the platform imports: its questions (moodle), or the
    whole edition as a module (cc)."""
    if lms == "cc":
        export_cartridge(root, pack_id, edition, out, force)
        return
    project = load_project(root, "nothing was exported")
    (pack,) = select_packs(project.config, [pack_id])
    if not pack.companion:
        raise BriefgenError(
            f"pack '{pack.id}' has no teaching companion (`companion: false`), so it has no "
            "questions to export."
        )
    companion = gather_companion(pack, project.library, edition)
    exported = moodle_questions(companion, project.library)
    if not exported.questions and not exported.tasks:
        raise BriefgenError(
            f"the {edition} edition of '{pack.id}' has no discussion questions and no "
            "exercises, so nothing was exported.\nAdd some to content/questions.yaml or "
            "content/exercises.yaml, or check the pack's `sections`."
        )
    base, target = _export_path(root, project.config, out, f"{pack.id}-{edition}-moodle.xml", force)
    write_in(base, target, exported.data)
    parts = []
    if exported.questions:
        parts.append(count(exported.questions, "discussion question"))
    if exported.tasks:
        parts.append(count(exported.tasks, "exercise task"))
    guidance = "with" if exported.with_guidance else "without"
    click.echo(
        f"Wrote {shown(target)}: {' and '.join(parts)} as essay questions, "
        f"{guidance} answer guidance for graders."
    )
    if not exported.questions:
        click.echo("This edition has no discussion questions, so there are none in the file.")
    if not exported.tasks:
        click.echo("This edition has no source-analysis exercises, so there are none in the file.")
    if edition == STUDENT:
        click.echo("The answer guidance is only in the teacher export (--edition teacher).")
    click.echo(
        "Import it in Moodle: the course's Question bank, Import, format 'Moodle XML format'."
    )


def export_cartridge(root: Path, pack_id: str, edition: str, out: Path | None, force: bool) -> None:
    """Build the pack, then package the edition as an IMS Common Cartridge."""
    project = load_project(root, "nothing was exported")
    (pack,) = select_packs(project.config, [pack_id])
    base, target = _export_path(root, project.config, out, f"{pack.id}-{edition}.imscc", force)
    build(root, [pack.id], edition=edition, progress=ConsoleProgress(QUIET))
    built = root / project.config.output_dir / pack.id / edition
    companion = gather_companion(pack, project.library, edition)
    data, counts = common_cartridge(
        built, file_titles(built, project.library), companion, project.library
    )
    write_in(base, target, data)
    held = ", ".join(count(number, kind) for kind, number in counts.items() if number)
    click.echo(f"Wrote {shown(target)}: the {edition} edition as one module ({held}).")
    if not counts["discussion topic"]:
        click.echo("This edition has no discussion questions, so the module has no topics.")
    click.echo(
        "Import it in Canvas: Settings, Import Course Content, 'Common Cartridge 1.x "
        "Package'. The README says how for Moodle, Schoology and Blackboard."
    )


def file_titles(folder: Path, library: Library) -> dict[str, str]:
    """What each file of a built edition is, as the platform's module lists it."""
    sources = library.sources
    titles = {}
    for path in folder.iterdir():
        kind = FILE_KINDS.get(path.suffix, "web page")
        stem = path.stem
        if stem.startswith(("handout-", "source-")):
            what, _, source_id = stem.partition("-")
            source = sources.get(source_id)
            name = source.short_title or source.title if source else source_id
            label = "Handout" if what == "handout" else "Full text"
            titles[path.name] = f"{label}: {name} ({kind})"
        else:
            titles[path.name] = f"{PAGE_TITLES.get(stem, stem.capitalize())} ({kind})"
    return titles


FILE_KINDS = {".pdf": "PDF", ".docx": "Word document"}
PAGE_TITLES = {
    "index": "About this pack",
    "brief": "Issue brief",
    "companion": "Teaching companion",
    "worksheet": "Worksheet",
    "sources": "The sources in full",
}


def _export_path(
    root: Path, config: Config, out: Path | None, name: str, force: bool
) -> tuple[Path, Path]:
    """Where an export goes (the folder links may not leave, and the file): --out, else the
    output folder beside the packs' own, which a build keeps to its own files. A file
    already there is replaced only with --force."""
    base = out if out is not None else root
    target = (out if out is not None else root / config.output_dir) / name
    if target.exists() and not force:
        raise UsageError(
            f"{shown(target)} already exists, so nothing was written.\n"
            "Add --force to replace it, or choose another folder with --out."
        )
    return base, target
