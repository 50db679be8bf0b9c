"""`briefgen check`: the whole content checked, and what it holds counted."""

from __future__ import annotations

from pathlib import Path

import click

from briefgen.check.advice import content_warnings
from briefgen.check.locators import each_locator
from briefgen.check.reading import MIN_WORDS, readings
from briefgen.commands.build import load_project
from briefgen.commands.progress import print_warnings
from briefgen.model import Project
from briefgen.words import count


def check(root: Path, reading: bool = False) -> None:
    """Check the project at ``root``; a problem raises, else one line says what was checked.

    ``reading``: first list each text a student reads with its reading level.
    """
    project = load_project(root)
    if reading:
        click.echo(reading_report(project))
    print_warnings(content_warnings(project))
    click.echo(f"Content is consistent: {', '.join(counts(project))}.")


def reading_report(project: Project) -> str:
    """Each text a student reads: its Flesch-Kincaid grade and sentence length, the
    hardest first, each with file and line; the texts above the project's level marked."""
    level = project.config.reading_level
    lines = [
        "Reading level of each text a student reads (Flesch-Kincaid grade; words a "
        "sentence), hardest first" + (" (* above reading_level):" if level else ":")
    ]
    measured = readings(project.library)
    if not measured:
        return f"{lines[0][:-1]}: no text has the {MIN_WORDS} words it takes to measure."
    for text in measured:
        above = level is not None and text.grade > level.for_text(text.in_brief)
        lines.append(
            f"{'*' if above else ' '} {text.grade:5.1f} {text.words_per_sentence:4.0f}  "
            f"{text.what} ({text.location})"
        )
    if not project.config.language.lower().startswith("en"):
        lines.append("  (The Flesch-Kincaid grade is made for English; read it as a rough guide.)")
    return "\n".join(lines)


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
