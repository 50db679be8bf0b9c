"""`briefgen find TEXT`: a passage as the source has it, its locator and a quotation to add.

The teacher types the words as remembered; briefgen prints them as the source has them,
with the unit they are in, and a quotation block ready for content/quotations/. With
--add it appends that block itself, to the file that holds the source's quotations,
then reads the project again: a quotation that does not check is taken out again.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import click

from briefgen.check.passages import Passage, find_passages, nearest_passage
from briefgen.commands.build import load_readable, problems_in
from briefgen.commands.cite import source_named
from briefgen.commands.progress import shown
from briefgen.errors import BriefgenError, UsageError, terminal_safe
from briefgen.load.fields import ID_PATTERN
from briefgen.model import Library, Source
from briefgen.output.files import write_in
from briefgen.words import count

QUOTATIONS = Path("content") / "quotations"
WIDTH = 76


def find(root: Path, text: str, source_id: str | None, add_id: str | None) -> None:
    """Print every passage that matches ``text``; with ``add_id``, add the one there is."""
    project, _ = load_readable(root)
    library = project.library
    sources = (
        [source_named(library.sources, source_id)] if source_id else list(library.sources.values())
    )
    if add_id is not None:
        _refuse_id(add_id, library)
    passages = find_passages(text, sources)
    if not passages:
        raise BriefgenError(_nothing_found(text, sources))
    if add_id is None:
        for number, passage in enumerate(passages, 1):
            heading = f"{number}. " if len(passages) > 1 else ""
            click.echo(terminal_safe(f"{heading}{_where(passage)}:\n"))
            click.echo(terminal_safe(textwrap.indent(quotation_block(passage), "    ")))
        if len(passages) > 1:
            click.echo(f"{count(len(passages), 'passage')} match; add words to choose one.")
        return
    if len(passages) > 1:
        places = "; ".join(_where(passage) for passage in passages)
        raise UsageError(
            f"{count(len(passages), 'passage')} match ({places}), so nothing was added.\n"
            "Add words so that only one matches, or name the source with --source."
        )
    add(root, passages[0], add_id, library)


def quotation_block(passage: Passage, quotation_id: str = "QUOTATION-ID") -> str:
    """The passage as a record of content/quotations/, ready to paste."""
    lines = textwrap.wrap(passage.words, WIDTH - 4, break_on_hyphens=False)
    text = "\n".join(f"    {line}" for line in lines)
    block = f"- id: {quotation_id}\n  source: {passage.source.id}\n  text: >-\n{text}\n"
    if passage.locator:
        block += f"  locator: {passage.locator}\n"
    return block


def add(root: Path, passage: Passage, quotation_id: str, library: Library) -> None:
    """Append the quotation to its source's quotations file; undo it if it does not check."""
    if not passage.checked:
        raise BriefgenError(
            f"the words run across a gap in the copy of '{passage.source.id}', where words "
            "are missing, so nothing was added.\nQuote up to the gap, or from after it."
        )
    path = _quotations_file(root, passage.source, library)
    before = path.read_text("utf-8") if path.exists() else ""
    separator = "" if not before else ("\n" if before.endswith("\n") else "\n\n")
    line = before.count("\n") + separator.count("\n") + 1
    write_in(root, path, (before + separator + quotation_block(passage, quotation_id)).encode())
    problems = "\n".join(
        f"  {problem.location}: {problem.message}" for problem in problems_in(root, {path: line})
    )
    if problems:
        if before:
            write_in(root, path, before.encode())
        else:
            path.unlink()
        raise BriefgenError(f"the quotation did not check, so it was taken out again:\n{problems}")
    click.echo(
        terminal_safe(
            f"Added quotation '{quotation_id}' ({_where(passage)}) to "
            f"{shown(path)}:{line}.\nCite it in a brief as {{{{< quote {quotation_id} >}}}}."
        )
    )


def _refuse_id(quotation_id: str, library: Library) -> None:
    if not re.fullmatch(ID_PATTERN, quotation_id):
        raise UsageError(
            f"'{quotation_id}' cannot be a quotation id: use letters, digits and hyphens, "
            "starting with a letter or digit (kabul-ceasefire)."
        )
    existing = library.quotations.get(quotation_id)
    if existing is not None:
        raise UsageError(
            f"there is already a quotation '{quotation_id}' ({existing.location}); "
            "choose another id."
        )


def _quotations_file(root: Path, source: Source, library: Library) -> Path:
    """The file that already holds the source's quotations, else one named after it."""
    for quotation in library.quotations.values():
        if quotation.source_id == source.id and quotation.location.path.suffix == ".yaml":
            return root / quotation.location.path
    return root / QUOTATIONS / f"{source.id}.yaml"


def _where(passage: Passage) -> str:
    locator = f", {passage.locator}" if passage.locator else ""
    return f"{passage.source.id}{locator}"


def _nothing_found(text: str, sources: list[Source]) -> str:
    """No passage matches: the nearest, where one resembles the words."""
    words = " ".join(text.split())
    nearest = nearest_passage(text, sources)
    if nearest is None:
        return (
            f"no source has the words \u201c{words}\u201d, and none has a passage like "
            "them.\nTry fewer words, or words from another part of the text."
        )
    return (
        f"no source has the words \u201c{words}\u201d. The nearest is in {_where(nearest)}: "
        f"\u201c{nearest.words}\u201d.\nSearch for the words as the source has them."
    )
