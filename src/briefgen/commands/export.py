"""`briefgen export PACK --lms moodle`: one edition of a pack, ready to import into a
school's learning platform, so that no teacher retypes its questions.

The content is checked first, as for a build. The file is written beside the pack's
output (or to --out), and never over an existing file without --force.
"""

from __future__ import annotations

from pathlib import Path

import click

from briefgen.commands.build import load_project, select_packs
from briefgen.commands.progress import shown
from briefgen.errors import BriefgenError, UsageError
from briefgen.model import STUDENT
from briefgen.output.files import write_in
from briefgen.output.moodle import moodle_questions
from briefgen.render.companion import gather_companion
from briefgen.words import count

LMS_FORMATS = ("moodle",)


def export(root: Path, pack_id: str, lms: str, edition: str, out: Path | None, force: bool) -> None:
    """Write the edition's questions as a file the platform imports."""
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
    folder = out if out is not None else root / project.config.output_dir / pack.id
    target = folder / f"{pack.id}-{edition}-moodle.xml"
    if target.exists() and not force:
        raise UsageError(
            f"{shown(target)} already exists, so nothing was written.\n"
            "Add --force to replace it, or choose another folder with --out."
        )
    write_in(folder if out is not None else root, target, exported.data)
    parts = []
    if exported.questions:
        parts.append(count(exported.questions, "discussion question"))
    if exported.tasks:
        parts.append(f"{count(exported.tasks, 'exercise task')}")
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
