"""`briefgen cite`: citations of the project's sources, ready to paste or import.

Works from whatever content loads, so a teacher can cite while fixing a problem elsewhere;
a warning says when something could not be read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from briefgen.commands.build import load_readable
from briefgen.errors import Problems, UsageError, terminal_safe
from briefgen.model import Source
from briefgen.render import cite as citations
from briefgen.words import count, did_you_mean, sentences


def cite(root: Path, source_ids: Sequence[str], style: str) -> None:
    """Print the citations of the named sources (default: all) in ``style``."""
    project, problems = load_readable(root)
    sources = project.library.sources
    chosen = [source_named(sources, source_id) for source_id in source_ids] or list(
        sources.values()
    )
    if style == "bibtex":
        click.echo(terminal_safe(citations.bibtex(chosen)), nl=False)
    elif style == "csl-json":
        click.echo(terminal_safe(citations.csl_json(chosen)))
    else:
        dates = project.config.date_style
        cited = (citations.cite(source, style, dates) for source in chosen)
        for text in sorted(citations.as_text(citation) for citation in cited):
            click.echo(terminal_safe(text))
    if problems:
        _warn_unreadable(problems)


def source_named(sources: dict[str, Source], source_id: str) -> Source:
    """The source with this id, or a usage error naming the ids there are."""
    if source_id in sources:
        return sources[source_id]
    hint = did_you_mean(source_id, sources, shortened=True)
    known = ", ".join(sorted(sources)) or "none"
    raise UsageError(sentences(f"there is no source '{source_id}'.", hint, f"Sources: {known}."))


def _warn_unreadable(problems: Problems) -> None:
    click.secho(
        f"Warning: {count(len(problems), 'problem')} while reading the content; "
        "what could not be read is left out. Run `briefgen check` for details.",
        fg="yellow",
        err=True,
    )
