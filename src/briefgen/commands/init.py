"""`briefgen init`: a new class project that builds at once, with content it can edit.

The project gets a commented briefgen.yaml for a school, a copy of the bundled content
(sources, quotations, brief, teaching material) and an empty templates/ folder with a
README on overriding. With --blank it gets no bundled content: one pack with a starter
brief, and for every other kind of record a file with a commented example, for a pack on
any topic. Nothing is overwritten without --force.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from briefgen.commands.invocation import briefgen_command
from briefgen.commands.progress import shown
from briefgen.errors import BriefgenError
from briefgen.load.config import CONFIG_NAME
from briefgen.output.files import refuse_links, write_in

STARTER = Path(__file__).parent / "starter"
BLANK = Path(__file__).parent / "blank"
GITIGNORE = "# Built packs: rebuild them with `briefgen build`.\noutput/\n"


@dataclass(frozen=True)
class Scaffolded:
    root: Path
    created: list[Path]


def init(root: Path, force: bool, blank: bool = False) -> None:
    """Create the project and say what was made and what to do next."""
    made = init_project(root, force=force, blank=blank)
    for path in made.created:
        click.echo(f"Created {shown(path)}{'/' if path.is_dir() else ''}")
    command = briefgen_command()
    if blank:
        click.echo(
            f"\nNext: cd {shown(made.root)} and put your school's name in briefgen.yaml. "
            f"Add each document with {command} add-source FILE (PDF, web page, Word or "
            f"text), then run {command} build. content/README.md explains every file."
        )
    else:
        click.echo(
            f"\nNext: cd {shown(made.root)}, put your school's name in briefgen.yaml, "
            f"then run {command} build."
        )


def init_project(root: Path, force: bool = False, blank: bool = False) -> Scaffolded:
    """Create the class project in ``root`` (which may exist, but empty unless ``force``)."""
    bundled = STARTER / "content"
    content = BLANK / "content" if blank else bundled
    if not content.is_dir():
        raise BriefgenError(
            f"this installation of briefgen has no bundled content ({content} is missing).\n"
            "Install briefgen from its source folder (scripts/install.sh) and try again."
        )
    planned = {
        root / CONFIG_NAME: (BLANK if blank else STARTER) / CONFIG_NAME,
        root / "templates" / "README.md": STARTER / "templates-README.md",
    }
    if root.exists() and not root.is_dir():
        raise BriefgenError(f"{root} is a file; choose a folder name for the new project.")
    for target in (*planned, root / "content", root / ".gitignore"):
        refuse_links(root, target)
    clashes = [p for p in (*planned, root / "content") if p.exists()]
    if clashes and not force:
        existing = ", ".join(str(p.relative_to(root)) for p in clashes)
        raise BriefgenError(
            f"{root} already has {existing}, so nothing was changed.\n"
            "Choose a new folder, or add --force to overwrite these with fresh copies "
            "(other files are left alone)."
        )
    try:
        root.mkdir(parents=True, exist_ok=True)
        created = []
        for target, source in planned.items():
            write_in(root, target, source.read_bytes())
            created.append(target)
        for source in sorted(content.rglob("*")):
            if source.is_file():
                write_in(root, root / "content" / source.relative_to(content), source.read_bytes())
        if blank:  # the guide to every kind of record, with the bundled pack's examples
            guide = bundled / "README.md"
            write_in(root, root / "content" / "README.md", guide.read_bytes())
        created.append(root / "content")
        gitignore = root / ".gitignore"
        if not gitignore.exists():
            write_in(root, gitignore, GITIGNORE.encode("utf-8"))
            created.append(gitignore)
    except OSError as error:
        raise BriefgenError(
            f"cannot create the project in {root}: {error.strerror or error}.\n"
            "Check that you may write there and that the disk is not full."
        ) from error
    return Scaffolded(root, created)
