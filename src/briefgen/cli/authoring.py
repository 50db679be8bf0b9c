"""Commands that write content: a document brought in as a source, a passage found and
added as a quotation, a pack's questions exported for a learning platform."""

from __future__ import annotations

from pathlib import Path

import click

from briefgen.cli.settings import Settings
from briefgen.model import EDITIONS


@click.command(name="add-source")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--id", "source_id", default=None, help="Its id (default: from FILE's name).")
@click.option("--title", default=None, help="Its title, where the document does not state it.")
@click.pass_obj
def add_source(settings: Settings, file: Path, source_id: str | None, title: str | None) -> None:
    """Add FILE (PDF, web page saved as HTML, Word .docx or text) as a draft source.

    What the document does not state is marked TO DO, which `check` lists."""
    from briefgen.commands.add_source import add_source as run_add_source

    run_add_source(settings.root(), file, source_id, title)


@click.command()
@click.argument("text")
@click.option("--source", "source_id", default=None, help="Search this source only (its id).")
@click.option("--add", "add_id", metavar="QUOTATION_ID", help="Add it as this quotation.")
@click.pass_obj
def find(settings: Settings, text: str, source_id: str | None, add_id: str | None) -> None:
    """Find TEXT in the sources: the exact words, their locator, a quotation to add.

    Spacing, quotation marks, dashes, case and words broken over a line do not matter."""
    from briefgen.commands.find import find as run_find

    run_find(settings.root(), text, source_id, add_id)


@click.command()
@click.argument("pack")
@click.option(
    "--lms", type=click.Choice(("moodle", "cc")), required=True, help="moodle: questions; cc: all."
)
@click.option(
    "--edition",
    type=click.Choice(EDITIONS),
    default="student",
    show_default=True,
    help="Which edition: the teacher's adds the answer guidance for graders.",
)
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Write it here.")
@click.option("--force", is_flag=True, help="Replace a file already there.")
@click.pass_obj
def export(
    settings: Settings, pack: str, lms: str, edition: str, out: Path | None, force: bool
) -> None:
    """Export PACK for a learning platform: its questions as Moodle XML (moodle), or the
    edition as an IMS Common Cartridge module (cc) for Canvas, Moodle, Schoology or
    Blackboard."""
    from briefgen.commands.export import export as run_export

    run_export(settings.root(), pack, lms, edition, out, force)
