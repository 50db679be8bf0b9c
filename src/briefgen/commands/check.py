"""`briefgen check`: the whole content checked, and what it holds counted."""

from __future__ import annotations

from pathlib import Path

import click

from briefgen.check.answers import answers_shown
from briefgen.check.locators import each_locator
from briefgen.check.names import title_clashes
from briefgen.commands.build import load_project
from briefgen.commands.progress import print_warnings
from briefgen.model import Project
from briefgen.words import count


def check(root: Path) -> None:
    """Check the project at ``root``; a problem raises, else one line says what was checked."""
    project = load_project(root)
    print_warnings(title_clashes(project.library))
    print_warnings(answers_shown(project.library))
    click.echo(f"Content is consistent: {', '.join(counts(project))}.")


def counts(project: Project) -> list[str]:
    """How much of each kind of content the project holds, as words."""
    library, teaching = project.library, project.library.teaching
    return [
        count(len(library.sources), "source"),
        f"{count(len(library.quotations), 'quotation')} checked word for word",
        f"{count(sum(1 for _ in each_locator(library)), 'locator')} checked against their sources",
        count(len(library.briefs), "brief"),
        count(len(teaching.glossary), "glossary term"),
        count(len(teaching.timeline), "timeline event"),
        count(len(teaching.comparison.rows) if teaching.comparison else 0, "comparison row"),
        count(len(teaching.questions), "question"),
        count(len(teaching.exercises), "exercise"),
        count(len(teaching.notes), "teaching note"),
        count(len(project.config.packs), "pack"),
    ]
